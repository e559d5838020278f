// Drives the emulator with @azure/service-bus, unchanged. Usage: node conformance.mjs "<connection string>"
// Entities: queue "q" (max delivery 3), queue "sessions" (requires sessions), topic "t" with subscriptions "a" and "b".
// Prints one PASS/FAIL line per check and ends with "N passed, N failed"; exits 1 on any failure.
import { ServiceBusClient } from "@azure/service-bus";

const cs = process.argv[2];
const results = [];
const check = (name, ok, detail = "") => { results.push(ok); console.log(`${ok ? "PASS" : "FAIL"} ${name} ${detail}`); };
const step = async (name, body) => {
  try { await body(); } catch (e) { check(name, false, e?.stack ?? String(e)); }
};
const retry = { maxRetries: 0, timeoutInMs: 10000 };
const client = new ServiceBusClient(cs, { retryOptions: retry });

await step("20 new connections ready within 2 s", async () => {
  const started = Date.now();
  const clients = Array.from({ length: 20 }, () => new ServiceBusClient(cs, { retryOptions: retry }));
  await Promise.all(clients.map((c, i) => c.createSender("q").sendMessages({ body: `c${i}`, messageId: `conn-${i}` })));
  const elapsed = Date.now() - started;
  await Promise.all(clients.map(c => c.close()));
  const drain = client.createReceiver("q", { receiveMode: "receiveAndDelete" });
  let got = 0;
  while (got < 20) { const batch = await drain.receiveMessages(20, { maxWaitTimeInMs: 3000 }); if (batch.length === 0) break; got += batch.length; }
  await drain.close();
  check("20 new connections ready within 2 s", elapsed < 2000 && got === 20, `elapsed=${elapsed}ms received=${got}`);
});

await step("send, peek-lock, complete", async () => {
  const sender = client.createSender("q");
  const receiver = client.createReceiver("q");
  await sender.sendMessages({ body: { hello: "world" }, messageId: "js-1", contentType: "application/json", subject: "create", applicationProperties: { tenant: "blue" } });
  const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 5000 });
  check("receive", m?.messageId === "js-1" && m.body.hello === "world" && m.applicationProperties.tenant === "blue" && m.deliveryCount === 0, `deliveryCount=${m?.deliveryCount}`);
  const before = m.lockedUntilUtc;
  const renewed = await receiver.renewMessageLock(m);
  check("renew-lock", renewed >= before, `${before?.toISOString()} -> ${renewed?.toISOString()}`);
  await receiver.completeMessage(m);
  const none = await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 });
  check("complete", none.length === 0);
  await receiver.close(); await sender.close();
});

await step("abandon and max delivery count", async () => {
  const sender = client.createSender("q");
  const receiver = client.createReceiver("q");
  const dlq = client.createReceiver("q", { subQueueType: "deadLetter" });
  await sender.sendMessages({ body: "poison", messageId: "js-poison" });
  const counts = [];
  for (let i = 0; i < 3; i++) {
    const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 5000 });
    counts.push(m?.deliveryCount);
    await receiver.abandonMessage(m);
  }
  check("abandon raises delivery count", counts.join(",") === "0,1,2", counts.join(","));
  const [d] = await dlq.receiveMessages(1, { maxWaitTimeInMs: 5000 });
  check("max delivery count dead-letters", d?.messageId === "js-poison" && d?.deadLetterReason === "MaxDeliveryCountExceeded", `${d?.deadLetterReason}`);
  await dlq.completeMessage(d);
  await dlq.close(); await receiver.close(); await sender.close();
});

await step("dead-letter and peek", async () => {
  const sender = client.createSender("q");
  const receiver = client.createReceiver("q");
  const dlq = client.createReceiver("q", { subQueueType: "deadLetter" });
  await sender.sendMessages([{ body: "first", messageId: "js-p1" }, { body: "second", messageId: "js-p2" }]);
  const peeked = await receiver.peekMessages(10);
  check("peek", peeked.map(p => p.body).join(",") === "first,second", peeked.map(p => p.body).join(","));
  const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 5000 });
  await receiver.deadLetterMessage(m, { deadLetterReason: "JsReason", deadLetterErrorDescription: "js description" });
  const [pd] = await dlq.peekMessages(1);
  check("peek dead-letter queue", pd?.messageId === "js-p1" && pd?.deadLetterReason === "JsReason", `${pd?.messageId} ${pd?.deadLetterReason}`);
  const [d] = await dlq.receiveMessages(1, { maxWaitTimeInMs: 5000 });
  check("dead-letter reason", d?.deadLetterReason === "JsReason" && d?.deadLetterErrorDescription === "js description", `${d?.deadLetterReason} / ${d?.deadLetterErrorDescription}`);
  await dlq.completeMessage(d);
  const [rest] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 5000 });
  await receiver.completeMessage(rest);
  await dlq.close(); await receiver.close(); await sender.close();
});

await step("defer and receive deferred", async () => {
  const sender = client.createSender("q");
  const receiver = client.createReceiver("q");
  await sender.sendMessages({ body: "later", messageId: "js-defer" });
  const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 5000 });
  const sequence = m.sequenceNumber;
  await receiver.deferMessage(m);
  const early = await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 });
  const [d] = await receiver.receiveDeferredMessages(sequence);
  check("defer hides the message", early.length === 0 && d?.messageId === "js-defer", `${d?.messageId}`);
  await receiver.abandonMessage(d);
  const [again] = await receiver.receiveDeferredMessages(sequence);
  await receiver.completeMessage(again);
  const gone = await receiver.peekMessages(10);
  check("complete deferred via update-disposition", again?.messageId === "js-defer" && gone.length === 0, `left=${gone.length}`);
  await receiver.close(); await sender.close();
});

await step("schedule and cancel", async () => {
  const sender = client.createSender("q");
  const receiver = client.createReceiver("q");
  const at = new Date(Date.now() + 1500);
  const [kept] = await sender.scheduleMessages({ body: "scheduled", messageId: "js-s1" }, at);
  const [cancelled] = await sender.scheduleMessages({ body: "cancelled", messageId: "js-s2" }, at);
  await sender.cancelScheduledMessages(cancelled);
  const peeked = await receiver.peekMessages(10);
  check("cancelled is gone, scheduled waits", peeked.length === 1 && peeked[0].messageId === "js-s1" && peeked[0].state === "scheduled", `${peeked.map(p => `${p.messageId}:${p.state}`).join(",")}`);
  const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 8000 });
  check("scheduled arrives", m?.messageId === "js-s1" && m.sequenceNumber.toString() === kept.toString());
  await receiver.completeMessage(m);
  await receiver.close(); await sender.close();
});

await step("sessions", async () => {
  const sender = client.createSender("sessions");
  await sender.sendMessages([{ body: "a1", sessionId: "alpha" }, { body: "b1", sessionId: "beta" }, { body: "a2", sessionId: "alpha" }]);
  const beta = await client.acceptSession("sessions", "beta");
  const [b] = await beta.receiveMessages(1, { maxWaitTimeInMs: 5000 });
  await beta.completeMessage(b);
  await beta.setSessionState("beta-state");
  const state = await beta.getSessionState();
  const until = await beta.renewSessionLock();
  check("accept a session by id, state and lock", b?.body === "b1" && state?.toString() === "beta-state" && until instanceof Date, `${b?.body} ${state}`);
  await beta.close();
  const next = await client.acceptNextSession("sessions");
  const got = await next.receiveMessages(2, { maxWaitTimeInMs: 5000 });
  for (const m of got) await next.completeMessage(m);
  check("accept next session gets its messages in order", next.sessionId === "alpha" && got.map(m => m.body).join(",") === "a1,a2", `${next.sessionId}: ${got.map(m => m.body).join(",")}`);
  await next.close(); await sender.close();
});

await step("topics and subscriptions", async () => {
  const sender = client.createSender("t");
  const a = client.createReceiver("t", "a");
  const b = client.createReceiver("t", "b");
  await sender.sendMessages({ body: "event", subject: "ClusterReady" });
  const [fromA] = await a.receiveMessages(1, { maxWaitTimeInMs: 5000 });
  const [fromB] = await b.receiveMessages(1, { maxWaitTimeInMs: 5000 });
  await a.completeMessage(fromA); await b.completeMessage(fromB);
  check("every subscription gets the event", fromA?.subject === "ClusterReady" && fromB?.subject === "ClusterReady");
  await a.close(); await b.close(); await sender.close();
});

await step("wrong key is refused, not hung", async () => {
  const wrong = new ServiceBusClient(cs.replace(/SharedAccessKey=[^;]*/, "SharedAccessKey=not-the-key"), { retryOptions: retry });
  const started = Date.now();
  let code;
  try { await wrong.createSender("q").sendMessages({ body: "x" }); } catch (e) { code = e?.code; }
  await wrong.close();
  check("wrong key is refused, not hung", code === "UnauthorizedAccess" && Date.now() - started < 8000, `code=${code} after ${Date.now() - started}ms`);
});

await client.close();
console.log(`${results.filter(x => x).length} passed, ${results.filter(x => !x).length} failed`);
process.exit(results.length > 0 && results.every(x => x) ? 0 : 1);
