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

from jobs.models import BouncedAddress, SentMail

# What a mail server or the network raise when it is worth trying later.
# (smtplib.SMTPException is an OSError, like a refused or timed-out connection.)
MAIL_ERRORS = (OSError, smtplib.SMTPException)


def deliverable(email: str) -> bool:
    """False for an address that bounced or was refused (jobs.models.BouncedAddress)."""
    return bool(email) and not BouncedAddress.objects.filter(email=email.strip().lower()).exists()


def send_once(key: str, message: EmailMessage) -> bool:
    """Send `message` unless a mail with `key` has been sent; True if it was sent now.

    Addresses that bounced are left out. A mail server that refuses a recipient for
    good (a 5xx answer) marks the address bounced instead of failing the task;
    a refusal for now (4xx) raises, so the task is retried.
    """
    if SentMail.objects.filter(key=key).exists():
        return False
    message.to = [address for address in message.to if deliverable(address)]
    if not message.recipients():
        return False
    try:
        message.send()  # raises on failure: the task is retried (jobs/retry.py)
    except smtplib.SMTPRecipientsRefused as refused:
        lasting = {address: answer for address, answer in refused.recipients.items() if answer[0] >= 500}
        if len(lasting) < len(refused.recipients):
            raise
        for address, (code, text) in lasting.items():
            BouncedAddress.record(
                address, f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
            )
        return False
    # get_or_create: two runs sending at the same moment are recorded once.
    SentMail.objects.get_or_create(
        key=key[:200], defaults={"to": ", ".join(message.to)[:254], "subject": message.subject[:500]}
    )
    return True
