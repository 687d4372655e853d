"""The production server: gunicorn, started from `alzhir serve --production` through its
documented custom-application API, and the refusals that keep it from starting unsafely."""

from django.core import checks
from gunicorn.app.base import BaseApplication

GUNICORN_DEFAULTS = {
    # A slow client must not hold a worker forever; long exports stream within this.
    "timeout": 120,
    "graceful_timeout": 30,
    # Requests and errors to stderr, with the journal or container log.
    "accesslog": "-",
    "errorlog": "-",
    # Recycle workers now and then: memory a worker gathered is given back.
    "max_requests": 2000,
    "max_requests_jitter": 200,
}


def refusals() -> list[str]:
    """Every deployment check that fails, in one line each (Django's `check --deploy` and
    alzhir.web.checks): production does not start until there are none."""
    found = checks.run_checks(include_deployment_checks=True)
    return [
        f"{message.id}: {message.msg}"
        + (f" ({message.hint})" if message.hint else "")
        for message in found
        if message.level >= checks.WARNING and not message.is_silenced()
    ]


class ProductionServer(BaseApplication):
    def __init__(self, bind: str, workers: int):
        self.options = GUNICORN_DEFAULTS | {"bind": bind, "workers": workers}
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from alzhir.web.wsgi import application

        return application
