import { ServiceBusClient } from "@azure/service-bus";
// Usage: node interop.mjs "<connection string printed by ./cluster emulate servicebus>"
const cs = process.argv[2];
const q = "cluster-requests";
const client = new ServiceBusClient(cs);
const results = [];
const check = (name, ok, detail = "") => { results.push(ok); console.log(`${ok ? "PASS" : "FAIL"} ${name} ${detail}`); };
const sender = client.createSender(q);
const receiver = client.createReceiver(q, { receiveMode: "peekLock" });
try {
  await sender.sendMessages({ body: { hello: "world" }, messageId: "js-1", contentType: "application/json", subject: "create", applicationProperties: { tenant: "blue" } });
  check("send", true);
  let [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 5000 });
  check("receive", m?.messageId === "js-1" && m.body.hello === "world" && m.applicationProperties.tenant === "blue", `deliveryCount=${m?.deliveryCount}`);
  const before = m.lockedUntilUtc;
  const renewed = await receiver.renewMessageLock(m);
  check("renew-lock", renewed >= before, `${before?.toISOString()} -> ${renewed?.toISOString()}`);
  await receiver.abandonMessage(m);
  check("abandon", true);
  [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 5000 });
  check("redelivered after abandon", m?.messageId === "js-1", `deliveryCount=${m?.deliveryCount}`);
  await receiver.deadLetterMessage(m, { deadLetterReason: "JsReason", deadLetterErrorDescription: "js description" });
  check("dead-letter", true);
  const dlq = client.createReceiver(q, { subQueueType: "deadLetter" });
  const [d] = await dlq.receiveMessages(1, { maxWaitTimeInMs: 5000 });
  check("dead-letter reason", d?.deadLetterReason === "JsReason" && d?.deadLetterErrorDescription === "js description", `${d?.deadLetterReason} / ${d?.deadLetterErrorDescription}`);
  await dlq.completeMessage(d);
  await dlq.close();
  await sender.sendMessages({ body: "second", messageId: "js-2" });
  [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 5000 });
  await receiver.completeMessage(m);
  check("complete", m?.messageId === "js-2");
  const at = new Date(Date.now() + 2000);
  const [seq] = await sender.scheduleMessages({ body: "scheduled", messageId: "js-3" }, at);
  const [seq2] = await sender.scheduleMessages({ body: "cancelled", messageId: "js-4" }, at);
  await sender.cancelScheduledMessages(seq2);
  check("schedule + cancel", seq !== undefined && seq2 !== undefined, `seq=${seq} cancelled=${seq2}`);
  const early = await receiver.receiveMessages(1, { maxWaitTimeInMs: 500 });
  check("scheduled not visible early", early.length === 0);
  [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 8000 });
  check("scheduled arrives", m?.messageId === "js-3");
  await receiver.completeMessage(m);
  const none = await receiver.receiveMessages(1, { maxWaitTimeInMs: 3000 });
  check("cancelled never arrives", none.length === 0);
  await sender.sendMessages({ body: "fire and forget", messageId: "js-5" });
  const deleting = client.createReceiver(q, { receiveMode: "receiveAndDelete" });
  const [gone] = await deleting.receiveMessages(1, { maxWaitTimeInMs: 5000 });
  await deleting.close();
  const after = await receiver.receiveMessages(1, { maxWaitTimeInMs: 1000 });
  check("receive-and-delete", gone?.messageId === "js-5" && after.length === 0);
} catch (e) {
  check("exception", false, e?.stack ?? String(e));
} finally {
  await receiver.close(); await sender.close(); await client.close();
}
console.log(`${results.filter(x => x).length} passed, ${results.filter(x => !x).length} failed`);
process.exit(results.every(x => x) ? 0 : 1);
