"""What every replay script shares: the boto3 clients, the scenario table, and the recordings' form.

A replay script registers scenarios with ``@scenario(recording, test)`` and ends with ``run()``, which
makes every scenario's calls (independent scenarios on a few threads at once, ``serial=True`` ones
alone afterwards) and prints one JSON object: recording file -> test -> key -> answer. Each answer is
in the recordings' form: an error is botocore's ``ClientError.response``, the ResponseMetadata keeps
only the HTTP status, a streamed Payload is its JSON (or text), dates are ISO 8601 text.
"""

import concurrent.futures
import datetime
import json
import sys
import threading
import time
import uuid

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.response import StreamingBody

ENDPOINT = sys.argv[1]
REGION = "us-east-1"
SESSION = boto3.session.Session(aws_access_key_id="AKIDREPLAY", aws_secret_access_key="secret",
                                region_name=REGION)
CONFIG = Config(retries={"max_attempts": 1}, read_timeout=120, max_pool_connections=32)

SCENARIOS = {}
SERIAL = set()
_clients = {}
_clients_lock = threading.Lock()


def client(service, region=REGION):
    """One client per service and region, made once: boto3 clients may be shared by threads."""
    with _clients_lock:
        if (service, region) not in _clients:
            _clients[(service, region)] = SESSION.client(service, endpoint_url=ENDPOINT, region_name=region,
                                                         config=CONFIG)
        return _clients[(service, region)]


def scenario(recording, test, serial=False):
    """Registers the function making ``test``'s calls; ``serial`` ones see no other scenario running."""
    def register(fn):
        SCENARIOS.setdefault(recording, {})[test] = fn
        if serial:
            SERIAL.add((recording, test))
        return fn
    return register


def uid():
    return uuid.uuid4().hex[:8]


def now_millis():
    return int(time.time() * 1000)


def shape(answer):
    if isinstance(answer, dict):
        out = {k: shape(v) for k, v in answer.items()}
        if "ResponseMetadata" in out:
            out["ResponseMetadata"] = {"HTTPHeaders": {},
                                       "HTTPStatusCode": answer["ResponseMetadata"]["HTTPStatusCode"]}
        return out
    if isinstance(answer, (list, tuple)):
        return [shape(v) for v in answer]
    if isinstance(answer, datetime.datetime):
        return answer.isoformat()
    if isinstance(answer, StreamingBody):
        return payload(answer.read())
    if isinstance(answer, bytes):
        return str(answer)  # as the recorder wrote a binary attribute value: "b'\\x90'"
    return answer


def payload(raw):
    """A Lambda payload as the recordings show it: the object or array its JSON holds, else its text
    (a function's "null" or "\"text\"" stays as written)."""
    text = raw.decode("utf-8", errors="replace")
    try:
        parsed = json.loads(text)
    except ValueError:
        return text
    return parsed if isinstance(parsed, (dict, list)) else text


def error(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response
    raise AssertionError(f"{call.__name__} {kwargs} succeeded where AWS refused")


def _answers(fn):
    try:
        return shape(fn())
    except Exception as e:  # reported by the Java side as a difference of this test
        return {"replay-failed": f"{type(e).__name__}: {e}"}


def run(workers=6):
    answers = {}
    jobs = [(r, t, fn) for r, tests in SCENARIOS.items() for t, fn in tests.items()]
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {(r, t): pool.submit(_answers, fn) for r, t, fn in jobs if (r, t) not in SERIAL}
        for (r, t), f in futures.items():
            answers.setdefault(r, {})[t] = f.result()
    for r, t, fn in jobs:
        if (r, t) in SERIAL:
            answers.setdefault(r, {})[t] = _answers(fn)
    json.dump(answers, sys.stdout, indent=1, sort_keys=True)
