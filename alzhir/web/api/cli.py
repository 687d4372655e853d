"""`alzhir token issue|list|revoke`: API tokens for staff scripts. Issuing and revoking are
audited actions (alzhir.web.api.tokens). Django is set up by alzhir.cli before a command runs."""

import os
import sys


def add_subcommands(subparsers) -> None:
    """Add `token issue`, `token list` and `token revoke` to the `alzhir` command."""
    token = subparsers.add_parser("token", help="API tokens for staff scripts")
    commands = token.add_subparsers(dest="token_command", required=True, metavar="COMMAND")
    p = commands.add_parser("issue", help="a new token for a user (shown once)")
    p.add_argument("user", help="the user's username")
    p.add_argument("name", help="what the token is for, e.g. 'review script'")
    p.add_argument("--days", type=int, default=90, help="how long it works (default 90)")
    p.add_argument("--actor", help="who issues it, for the audit (default: $USER)")
    p.set_defaults(func=cmd_issue)

    p = commands.add_parser("list", help="every token: whose, what for, until when")
    p.add_argument("user", nargs="?", help="only this user's tokens")
    p.set_defaults(func=cmd_list)

    p = commands.add_parser("revoke", help="stop a token from working, now")
    p.add_argument("id", type=int, help="the token's number, as `token list` shows it")
    p.add_argument("--reason", default="", help="why, for the audit")
    p.add_argument("--actor", help="who revokes it, for the audit (default: $USER)")
    p.set_defaults(func=cmd_revoke)


def _actor(args) -> str:
    return f"cli:{args.actor or os.environ.get('USER') or 'operator'}"


def cmd_issue(args) -> int:
    from alzhir.registry.actions import ActionError, do_issue_token

    try:
        issued, token = do_issue_token(args.user, args.name, _actor(args), args.days)
    except ActionError as error:
        print(f"alzhir token issue: {error}", file=sys.stderr)
        return 1
    print(f"API token {issued.pk} for {args.user} ({issued.name}), valid until "
          f"{issued.expires_at:%Y-%m-%d %H:%M} UTC, shown once: {token}")  # fmt: skip
    return 0


def cmd_list(args) -> int:
    from django.utils import timezone

    from alzhir.web.api.tokens import listed_tokens

    now = timezone.now()
    for token in listed_tokens(args.user):
        if token.revoked_at:
            state = f"revoked {token.revoked_at:%Y-%m-%d} by {token.revoked_by}"
        elif token.expires_at <= now:
            state = f"expired {token.expires_at:%Y-%m-%d}"
        else:
            state = f"valid until {token.expires_at:%Y-%m-%d}"
        used = f"last used {token.last_used_at:%Y-%m-%d}" if token.last_used_at else "never used"
        print(f"{token.pk}\t{token.user.get_username()}\t{token.name}\t{state}\t{used}")
    return 0


def cmd_revoke(args) -> int:
    from alzhir.registry.actions import ActionError, do_revoke_token

    try:
        token = do_revoke_token(args.id, _actor(args), args.reason)
    except ActionError as error:
        print(f"alzhir token revoke: {error}", file=sys.stderr)
        return 1
    print(f"API token {token.pk} of {token.user.get_username()} ({token.name}) revoked")
    return 0
