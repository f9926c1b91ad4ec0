-- wrk -s getitem.lua: GetItem of get-0 .. get-999 (load them first with the Java `http -w get`).
-- The same requests as the Java raw HTTP generator, with its fixed, fake SigV4 header (local
-- servers that accept any credentials do not check it).
wrk.method = "POST"
wrk.path = "/"
wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
wrk.headers["X-Amz-Target"] = "DynamoDB_20120810.GetItem"
wrk.headers["X-Amz-Date"] = "20250101T000000Z"
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 "
  .. "Credential=AKIDEXAMPLE/20250101/us-east-1/dynamodb/aws4_request, "
  .. "SignedHeaders=host;x-amz-date;x-amz-target, "
  .. "Signature=" .. string.rep("0", 64)

counter = 0

request = function()
  counter = counter + 1
  local body = string.format(
    '{"TableName":"streambed_bench","Key":{"pk":{"S":"get-%d"},"sk":{"S":"0"}}}', counter % 1000)
  return wrk.format(nil, nil, nil, body)
end
