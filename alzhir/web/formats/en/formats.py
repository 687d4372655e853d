# English formats are Django's, but for the short date: day first, the month in letters
# ("2 Feb 1938"), which no reader of Soviet documents takes for the 2nd of December.
from django.conf.locale.en.formats import *  # noqa: F403

SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
