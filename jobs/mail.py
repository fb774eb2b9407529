"""Sending mail from tasks: once per purpose, and failures that are worth a retry raise.

A task may run again (a retry after the mail server refused, or a worker lost
in the middle). Each mail carries a key that names what it is for ("comment
17 to member 4"); a mail whose key was recorded is not sent again. Only the
moment between the mail server's "accepted" and the recorded key is
unprotected: a worker killed exactly then sends that mail twice, which is
better than not at all.
"""

import smtplib

from django.core.mail import EmailMessage

from jobs.models import SentMail

# What a mail server or the network raise when it is worth trying later.
# (smtplib.SMTPException is an OSError, like a refused or timed-out connection.)
MAIL_ERRORS = (OSError, smtplib.SMTPException)


def send_once(key: str, message: EmailMessage) -> bool:
    """Send `message` unless a mail with `key` has been sent; True if it was sent now."""
    if SentMail.objects.filter(key=key).exists():
        return False
    message.send()  # raises on failure: the task is retried (jobs/retry.py)
    # get_or_create: two runs sending at the same moment are recorded once.
    SentMail.objects.get_or_create(
        key=key[:200], defaults={"to": ", ".join(message.to)[:254], "subject": message.subject[:500]}
    )
    return True
