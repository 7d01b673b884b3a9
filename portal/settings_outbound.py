"""Settings of what the portal sends out: SMS providers and the outbound exchange with other departments.

Read from the environment like the rest (README: settings); `portal.settings` takes every name from here.
"""

import os

# --- SMS ------------------------------------------------------------------------------
TWILIO_ACCOUNT_SID = os.environ.get("TWILIO_ACCOUNT_SID", "")
TWILIO_AUTH_TOKEN = os.environ.get("TWILIO_AUTH_TOKEN", "")
TWILIO_FROM_NUMBER = os.environ.get("TWILIO_FROM_NUMBER", "")
# Tests point the real twilio client at a local fake server through this.
TWILIO_API_BASE = os.environ.get("TWILIO_API_BASE", "")
# Alibaba Cloud SMS (SMS_PROVIDER=aliyun): an AccessKey of a RAM user allowed dysmsapi:SendSms and
# dysmsapi:QuerySendDetails, the signature (签名) registered with Alibaba Cloud, and the API's endpoint (tests
# point it at a local fake server). Each kind of message needs its registered template (admin: SMS templates).
ALIYUN_ACCESS_KEY_ID = os.environ.get("ALIYUN_ACCESS_KEY_ID", "")
ALIYUN_ACCESS_KEY_SECRET = os.environ.get("ALIYUN_ACCESS_KEY_SECRET", "")
ALIYUN_SMS_ENDPOINT = os.environ.get("ALIYUN_SMS_ENDPOINT", "https://dysmsapi.aliyuncs.com")
SMS_SIGN_NAME = os.environ.get("SMS_SIGN_NAME", "")
# Alibaba Cloud refuses a template variable longer than 35 characters unless the limit was lifted for the account:
# longer values are shortened to this (0: never).
ALIYUN_SMS_PARAM_MAX_LENGTH = int(os.environ.get("ALIYUN_SMS_PARAM_MAX_LENGTH", "35"))
# console | twilio | aliyun (or a dotted path to a class with the provider interface of workflow.sms.base).
# Unset: Twilio when its three settings are given, else the console, as before.
SMS_PROVIDER = os.environ.get("SMS_PROVIDER") or (
    "twilio" if TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER else "console"
)

# --- Outbound exchange (README: Outbound exchange): police population register, tax interface ---------------
# "fake" answers in-process (development, tests: nothing outside), "http" calls the URL, or a dotted class path.
POLICE_PROVIDER, TAX_PROVIDER = os.environ.get("POLICE_PROVIDER", "fake"), os.environ.get("TAX_PROVIDER", "fake")
POLICE_URL, POLICE_TOKEN = os.environ.get("POLICE_URL", ""), os.environ.get("POLICE_TOKEN", "")
TAX_URL, TAX_TOKEN = os.environ.get("TAX_URL", ""), os.environ.get("TAX_TOKEN", "")
POLICE_TIMEOUT, TAX_TIMEOUT = float(os.environ.get("POLICE_TIMEOUT", "5")), float(os.environ.get("TAX_TIMEOUT", "10"))
EXCHANGE_CONNECT_TIMEOUT = float(os.environ.get("EXCHANGE_CONNECT_TIMEOUT", "3"))
EXCHANGE_RETRIES = int(os.environ.get("EXCHANGE_RETRIES", "2"))
# Proof-of-life photos: a face-comparison service, if the bureau connects one ("fake": the local stand-in). Empty
# (the default): no face is compared and no page speaks of face recognition; reviewers compare by eye.
PROOF_FACE_PROVIDER = os.environ.get("PROOF_FACE_PROVIDER", "")
PROOF_FACE_TIMEOUT = float(os.environ.get("PROOF_FACE_TIMEOUT", "5"))
