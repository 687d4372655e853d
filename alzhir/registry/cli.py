"""`alzhir staff` (staff accounts) and `alzhir figures` (published figures with their
citations): thin commands over named, audited actions. Django is set up by alzhir.cli before
the commands run, so the registry is imported inside them."""

import argparse
import getpass
import json
import sys

ROLE_CHOICES = ("archivist", "moderator", "administrator")


def add_subcommands(subparsers) -> None:
    """Add `staff` and `figures` to the `alzhir` command's subparsers."""
    p = subparsers.add_parser("staff", help="staff accounts: create, list, role, disable")
    p.add_argument("--actor", default=getpass.getuser(), help="who the audit log names")
    staff = p.add_subparsers(dest="staff_command", required=True)
    q = staff.add_parser("create", help="a new account (password prompted or --password-stdin)")
    q.add_argument("username")
    q.add_argument("--role", required=True, choices=ROLE_CHOICES)
    q.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    q.set_defaults(func=run_staff)
    q = staff.add_parser("list", help="every account with its role")
    q.set_defaults(func=run_staff)
    q = staff.add_parser("role", help="give an account another role")
    q.add_argument("username")
    q.add_argument("role", choices=ROLE_CHOICES)
    q.set_defaults(func=run_staff)
    for name, text in (("disable", "stop an account signing in"), ("enable", "let it again")):
        q = staff.add_parser(name, help=text)
        q.add_argument("username")
        q.set_defaults(func=run_staff)
    q = staff.add_parser("password", help="set an account's password")
    q.add_argument("username")
    q.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    q.set_defaults(func=run_staff)

    p = subparsers.add_parser("figures", help="published figures and their citations")
    p.add_argument("--actor", default=getpass.getuser(), help="who the audit log names")
    figures = p.add_subparsers(dest="figures_command", required=True)
    q = figures.add_parser("list", help="every published figure with its source")
    q.add_argument("--json", action="store_true", help="one JSON object a line")
    q.set_defaults(func=run_figures)
    q = figures.add_parser("set", help="add a figure, or change what is given of one")
    q.add_argument("key", help="a short name, e.g. female_prisoners_total")
    q.add_argument("--value", type=int, help="the number")
    q.add_argument("--text", help="the figure as the source prints it, e.g. 'about 20,000'")
    q.add_argument("--claim", help="what it counts, in words")
    q.add_argument("--source", help="the registry name of the source that publishes it")
    q.add_argument("--locator", help="where in the source (page, line)")
    q.add_argument("--compared-with", dest="compared_with",
                   help="the registry count it is set beside: persons, women, in-alzhir, "
                        "in-camp, born-in-camp, died (empty: none)")  # fmt: skip
    q.add_argument("--featured", action=argparse.BooleanOptionalAction, default=None,
                   help="show it on the home page (--no-featured: not)")  # fmt: skip
    q.set_defaults(func=run_figures)
    q = figures.add_parser("remove", help="take a figure out of the registry")
    q.add_argument("key")
    q.set_defaults(func=run_figures)


FIGURE_FIELDS = ("value", "text", "claim", "source", "locator", "compared_with", "featured")


def _figure(figure) -> dict:
    values = {name: getattr(figure, name) for name in FIGURE_FIELDS if name != "source"}
    return values | {"key": figure.key, "source": figure.source.name}


def _password(args) -> str:
    if args.password_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password (again): "):
        raise ValueError("the two passwords differ")
    return first


def run_staff(args, out=None) -> int:
    from django.contrib.auth.models import User

    from alzhir.registry import actions
    from alzhir.registry.roles import role_of

    out = out or sys.stdout
    command = args.staff_command
    if command == "list":
        for user in User.objects.order_by("username"):
            state = "" if user.is_active else " (disabled)"
            out.write(f"{user.username}\t{role_of(user) or '-'}{state}\n")
        return 0
    try:
        if command == "create":
            actions.do_create_staff_account(args.username, args.role, _password(args), args.actor)
            out.write(f"staff account {args.username} created ({args.role})\n")
            return 0
        user = User.objects.filter(username=args.username).first()
        if user is None:
            raise actions.ActionError(f"no account {args.username!r}")
        if command == "role":
            actions.do_set_staff_role(user, args.role, args.actor)
        elif command in ("disable", "enable"):
            actions.do_set_staff_active(user, command == "enable", args.actor)
        else:
            actions.do_set_staff_password(user, _password(args), args.actor)
    except (actions.ActionError, ValueError) as error:
        print(f"alzhir staff {command}: {error}", file=sys.stderr)
        return 1
    out.write(f"{args.username}: done ({command})\n")
    return 0


def run_figures(args, out=None) -> int:
    from alzhir.registry import actions
    from alzhir.registry.models import PublishedFigure

    out = out or sys.stdout
    command = args.figures_command
    if command == "list":
        for f in PublishedFigure.objects.select_related("source").order_by("pk"):
            if args.json:
                out.write(json.dumps(_figure(f), ensure_ascii=False) + "\n")
            else:
                out.write(f"{f.key}: {f.text} — {f.claim} ({f.source.name}"
                          f"{', ' + f.locator if f.locator else ''})\n")  # fmt: skip
        return 0
    try:
        if command == "remove":
            actions.do_remove_published_figure(args.key, args.actor)
            out.write(f"figure {args.key} removed\n")
            return 0
        current = PublishedFigure.objects.select_related("source").filter(key=args.key).first()
        kept = _figure(current) if current else {"locator": "", "compared_with": "",
                                                 "featured": False}  # fmt: skip
        given = {name: getattr(args, name) for name in FIGURE_FIELDS}
        values = kept | {k: v for k, v in given.items() if v is not None}
        values.pop("key", None)
        missing = [k for k in ("value", "text", "claim", "source") if values.get(k) is None]
        if missing:
            raise actions.ActionError("a new figure needs " + ", ".join(f"--{k}" for k in missing))
        actions.do_set_published_figure(args.key, args.actor, **values)
    except actions.ActionError as error:
        print(f"alzhir figures {command}: {error}", file=sys.stderr)
        return 1
    out.write(f"figure {args.key} set\n")
    return 0
