handler () {
  EVENT_DATA=$1
  echo "Received event: $EVENT_DATA" 1>&2
  echo '{"statusCode": 200, "body": "\"Hello from Lambda!\""}'
}
