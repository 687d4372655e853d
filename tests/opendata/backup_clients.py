"""Run as a separate process so it has a database of its own (not pytest-django's):

    python -m tests.opendata.backup_clients write BACKUP   # 10 writers; a backup midway
    python -m tests.opendata.backup_clients check BACKUP   # restore it; list what is there

The database is ALZHIR_DATABASE_URL's. Prints one JSON object.
"""

import json
import os
import sys
import threading
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alzhir.web.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import OperationalError, connection  # noqa: E402

from alzhir.opendata.backup import backup, restore  # noqa: E402
from alzhir.registry import actions  # noqa: E402
from alzhir.registry.models import AuditEntry, Source  # noqa: E402

CLIENTS = 10


def write(path) -> dict:
    call_command("migrate", interactive=False, verbosity=0)
    acknowledged: list[str] = []
    stop = threading.Event()

    def client(number):
        sequence = 0
        while not stop.is_set():
            name = f"contribution-{number}-{sequence}"
            try:
                actions.do_create_source(name, f"client-{number}", kind="contribution")
            except OperationalError:
                continue  # not acknowledged: the client would retry
            acknowledged.append(name)
            sequence += 1
        connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    while len(acknowledged) < 200:
        time.sleep(0.05)
    before = list(acknowledged)
    backup(path)
    after_backup = len(acknowledged)
    time.sleep(0.5)
    stop.set()
    for thread in threads:
        thread.join()
    return {"before": before, "during": after_backup - len(before), "total": len(acknowledged)}


def check(path) -> dict:
    call_command("migrate", interactive=False, verbosity=0)
    restore(path)
    names = list(Source.objects.values_list("name", flat=True))
    audited = set(
        AuditEntry.objects.filter(action="create_source").values_list("object_id", flat=True)
    )
    unaudited = [s.name for s in Source.objects.all() if str(s.pk) not in audited]
    return {"names": names, "unaudited": unaudited}


if __name__ == "__main__":
    phase, path = sys.argv[1:3]
    print(json.dumps(write(path) if phase == "write" else check(path)))
