-- wrk -s putitem.lua: PutItem of 200-byte items put-0 .. put-999 (the table must exist).
-- The same requests as the Java raw HTTP generator, with its fixed, fake SigV4 header (local
-- servers that accept any credentials do not check it).
wrk.method = "POST"
wrk.path = "/"
wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
wrk.headers["X-Amz-Target"] = "DynamoDB_20120810.PutItem"
wrk.headers["X-Amz-Date"] = "20250101T000000Z"
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 "
  .. "Credential=AKIDEXAMPLE/20250101/us-east-1/dynamodb/aws4_request, "
  .. "SignedHeaders=host;x-amz-date;x-amz-target, "
  .. "Signature=" .. string.rep("0", 64)

counter = 0

request = function()
  counter = counter + 1
  local pk = "put-" .. (counter % 1000)
  -- Item size is attribute names plus values: pad data so that pk, sk and data make 200 bytes.
  local data = string.rep("x", 200 - (2 + #pk + 2 + 1 + 4))
  local body = string.format(
    '{"TableName":"streambed_bench","Item":{"pk":{"S":"%s"},"sk":{"S":"0"},"data":{"S":"%s"}}}',
    pk, data)
  return wrk.format(nil, nil, nil, body)
end
