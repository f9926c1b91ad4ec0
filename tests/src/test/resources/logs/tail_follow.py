"""Follows a log group with boto3 as `aws logs tail --follow` of the AWS CLI v2 does.

Usage: python3 tail_follow.py ENDPOINT GROUP. The CLI v2 polls FilterLogEvents (interleaved,
from a start time), follows nextToken while there is one, and once a page has none polls again
from the newest timestamp it has shown, skipping the events of that millisecond it has already
shown by their eventId. Between two rounds of polls, where the CLI sleeps, this script writes
the next events itself, so nothing waits on time. Prints the messages shown, in order, as JSON.
"""

import json
import sys
import time
from collections import defaultdict

import boto3
from botocore.config import Config

endpoint, group = sys.argv[1], sys.argv[2]
logs = boto3.session.Session(aws_access_key_id="AKIDTAIL", aws_secret_access_key="secret",
                             region_name="us-east-1").client("logs", endpoint_url=endpoint,
                                                             config=Config(retries={"max_attempts": 1}))
t0 = int(time.time() * 1000) - 60_000


def put(stream, events):
    logs.put_log_events(logGroupName=group, logStreamName=stream,
                        logEvents=[{"timestamp": t0 + offset, "message": m} for offset, m in events])


# What other writers add while the follower sleeps: events of the millisecond the follower
# resumes from, and events of several streams in one round.
rounds = [
    [("a", [(0, "a1"), (10, "a2")]), ("b", [(5, "b1")])],
    [("b", [(10, "b2, in the millisecond of a2"), (20, "b3")])],
    [("a", [(20, "a3, in the millisecond of b3")]), ("b", [(30, "b4")])],
    [],
]

# A page limit of 2 makes the follower page with nextToken, as it does past 10,000 events.
kwargs = {"logGroupName": group, "interleaved": True, "startTime": t0 - 1000, "limit": 2}
shown_at = defaultdict(set)
shown = []
polls = 0
for writes in rounds:
    for stream, events in writes:
        put(stream, events)
    while True:
        polls += 1
        response = logs.filter_log_events(**kwargs)
        for event in response["events"]:
            if event["eventId"] not in shown_at[event["timestamp"]]:
                shown_at[event["timestamp"]].add(event["eventId"])
                shown.append(event["message"])
        if shown_at:
            newest = max(shown_at)
            shown_at = defaultdict(set, {newest: shown_at[newest]})
        if "nextToken" in response:
            kwargs["nextToken"] = response["nextToken"]
        else:
            if shown_at:
                kwargs["startTime"] = max(shown_at)
            kwargs.pop("nextToken", None)
            break
print(json.dumps({"shown": shown, "polls": polls}))
