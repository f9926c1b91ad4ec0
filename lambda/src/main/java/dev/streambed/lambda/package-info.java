/**
 * Lambda: functions and their configuration, execution environments that run a function's code
 * through AWS's Runtime API, invocations, and the lines every invocation writes to CloudWatch
 * Logs.
 */
package dev.streambed.lambda;
