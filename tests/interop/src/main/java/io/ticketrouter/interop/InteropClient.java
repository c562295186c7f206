package io.ticketrouter.interop;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * An independent Kafka client for ticket-router that knows nothing but proto/: it parses
 * TicketCreated.avsc and RoutingDecision.avsc with Avro's own Schema.Parser, produces N
 * TicketCreated records in the Confluent wire framing (magic 0, 4-byte big-endian schema id, Avro
 * binary), then reads the decisions topic from the beginning and decodes every RoutingDecision of
 * its tickets with Avro's GenericDatumReader.
 *
 * <p>Mode "decision" (default): exit 0 when every ticket got a decision with a non-empty team and
 * decision_id. Mode "dlq": the tickets are expected on the dead-letter topic (e.g. produced with a
 * wrong schema id) and never as a decision.
 *
 * <p>Exit codes: 0 success, 1 the check failed, 2 bad arguments or schemas.
 */
public final class InteropClient {

    private static final byte MAGIC = 0;

    /** Option name, environment variable, default, help. Later command-line values win. */
    private static final String[][] OPTIONS = {
        {"bootstrap", "INTEROP_BOOTSTRAP", "127.0.0.1:9092", "Kafka bootstrap servers"},
        {"tickets-topic", "INTEROP_TICKETS_TOPIC", "tickets.created", "topic to produce TicketCreated to"},
        {"decisions-topic", "INTEROP_DECISIONS_TOPIC", "routing.decisions", "topic of RoutingDecision to read"},
        {"dlq-topic", "INTEROP_DLQ_TOPIC", "", "dead-letter topic: required with --expect dlq; with --expect decision, watched to fail fast"},
        {"proto-dir", "INTEROP_PROTO_DIR", "proto", "folder with TicketCreated.avsc and RoutingDecision.avsc"},
        {"count", "INTEROP_COUNT", "20", "number of tickets N"},
        {"prefix", "INTEROP_PREFIX", "", "ticket id prefix (default: interop-<millis>-<random>-)"},
        {"customer", "INTEROP_CUSTOMER", "cust-1001", "customer_id of the tickets"},
        {"keyword", "INTEROP_KEYWORD", "invoice", "keyword text put in subject and body"},
        {"ticket-schema-id", "INTEROP_TICKET_SCHEMA_ID", "1001", "schema id framed on TicketCreated"},
        {"decision-schema-id", "INTEROP_DECISION_SCHEMA_ID", "1003", "schema id expected on RoutingDecision"},
        {"timeout", "INTEROP_TIMEOUT", "60", "seconds to wait for the results"},
        {"expect", "INTEROP_EXPECT", "decision", "decision | dlq"},
        {"expect-team", "INTEROP_EXPECT_TEAM", "", "if set, every decision must name this team"},
        {"grace", "INTEROP_GRACE", "5", "dlq mode: seconds to keep watching for (unwanted) decisions"},
    };

    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Map<String, String> opt;
        try {
            opt = parseArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println("interop: " + e.getMessage());
            usage();
            System.exit(2);
            return;
        }
        if (opt == null) {
            usage();
            System.exit(0);
            return;
        }
        int rc;
        try {
            rc = new InteropClient(opt).run();
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("interop: FAIL: " + e.getMessage());
            rc = 2;
        } catch (Exception e) {
            System.err.println("interop: FAIL: " + e);
            rc = 1;
        }
        System.exit(rc);
    }

    private static void usage() {
        StringBuilder sb = new StringBuilder("usage: run.sh [--option value]...\n");
        for (String[] o : OPTIONS) {
            sb.append(String.format("  --%-20s %s (env %s, default '%s')%n", o[0], o[3], o[1], o[2]));
        }
        System.err.print(sb);
    }

    private static Map<String, String> parseArgs(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        for (String[] o : OPTIONS) {
            String env = System.getenv(o[1]);
            opt.put(o[0], env != null && !env.isEmpty() ? env : o[2]);
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                return null;
            }
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option --" + name + " needs a value");
                }
                value = args[++i];
            }
            if (!opt.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            opt.put(name, value);
        }
        return opt;
    }

    private final String bootstrap;
    private final String ticketsTopic;
    private final String decisionsTopic;
    private final String dlqTopic;
    private final File protoDir;
    private final int count;
    private final String prefix;
    private final String customer;
    private final String keyword;
    private final int ticketSchemaId;
    private final int decisionSchemaId;
    private final long timeoutMs;
    private final boolean expectDlq;
    private final String expectTeam;
    private final long graceMs;

    private InteropClient(Map<String, String> o) {
        bootstrap = o.get("bootstrap");
        ticketsTopic = o.get("tickets-topic");
        decisionsTopic = o.get("decisions-topic");
        dlqTopic = o.get("dlq-topic");
        protoDir = new File(o.get("proto-dir"));
        count = intOpt(o, "count", 1);
        String p = o.get("prefix");
        prefix = p.isEmpty()
                ? "interop-" + System.currentTimeMillis() + "-" + UUID.randomUUID().toString().substring(0, 8) + "-"
                : p;
        customer = o.get("customer");
        keyword = o.get("keyword");
        ticketSchemaId = intOpt(o, "ticket-schema-id", 0);
        decisionSchemaId = intOpt(o, "decision-schema-id", 0);
        timeoutMs = intOpt(o, "timeout", 1) * 1000L;
        graceMs = intOpt(o, "grace", 0) * 1000L;
        expectTeam = o.get("expect-team");
        switch (o.get("expect")) {
            case "decision" -> expectDlq = false;
            case "dlq" -> expectDlq = true;
            default -> throw new IllegalArgumentException("--expect must be decision or dlq");
        }
        if (expectDlq && dlqTopic.isEmpty()) {
            throw new IllegalArgumentException("--expect dlq needs --dlq-topic");
        }
        if (customer.isEmpty() || ticketsTopic.isEmpty() || decisionsTopic.isEmpty()) {
            throw new IllegalArgumentException("--customer, --tickets-topic and --decisions-topic must not be empty");
        }
    }

    private static int intOpt(Map<String, String> o, String name, int min) {
        try {
            int v = Integer.parseInt(o.get(name).trim());
            if (v < min) {
                throw new IllegalArgumentException("--" + name + " must be at least " + min);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is not a number: '" + o.get(name) + "'");
        }
    }

    private static Schema parseSchema(File dir, String file, String fullName) throws IOException {
        File f = new File(dir, file);
        if (!f.isFile()) {
            throw new IOException("schema file not found: " + f.getAbsolutePath() + " (set --proto-dir)");
        }
        Schema s = new Schema.Parser().parse(f);
        if (!s.getFullName().equals(fullName)) {
            throw new IOException(f + " defines " + s.getFullName() + ", expected " + fullName);
        }
        return s;
    }

    /** Confluent wire framing: magic byte 0, schema id (big-endian int32), Avro binary. */
    private static byte[] frame(int schemaId, byte[] avro) {
        return ByteBuffer.allocate(5 + avro.length).put(MAGIC).putInt(schemaId).put(avro).array();
    }

    private int run() throws Exception {
        Schema ticketSchema = parseSchema(protoDir, "TicketCreated.avsc", "io.ticketrouter.v1.TicketCreated");
        Schema decisionSchema = parseSchema(protoDir, "RoutingDecision.avsc", "io.ticketrouter.v1.RoutingDecision");

        System.out.printf("interop: bootstrap=%s tickets=%s decisions=%s%s count=%d prefix=%s customer=%s "
                        + "keyword='%s' ticket-schema-id=%d decision-schema-id=%d expect=%s%n",
                bootstrap, ticketsTopic, decisionsTopic, dlqTopic.isEmpty() ? "" : " dlq=" + dlqTopic, count, prefix,
                customer, keyword, ticketSchemaId, decisionSchemaId, expectDlq ? "dlq" : "decision");

        Set<String> sent = produce(ticketSchema);
        return consume(decisionSchema, sent);
    }

    private Set<String> produce(Schema schema) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "ticket-router-interop");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(30000, timeoutMs));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) Math.max(15000, timeoutMs / 2));

        GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(schema);
        Set<String> sent = new LinkedHashSet<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (int i = 1; i <= count; i++) {
                String ticketId = prefix + i;
                GenericRecord r = new GenericData.Record(schema);
                r.put("ticket_id", ticketId);
                r.put("customer_id", customer);
                r.put("requester_email", "interop@example.com");
                r.put("subject", "Question about our " + keyword + " (" + i + "/" + count + ")");
                r.put("body", "Hello, we have a question about the " + keyword
                        + " we received this month. Could you please check it and get back to us? Thanks.");
                r.put("channel", "email");
                r.put("language", "en");
                r.put("product_area", null);
                r.put("created_at_ms", System.currentTimeMillis());

                ByteArrayOutputStream out = new ByteArrayOutputStream();
                BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
                writer.write(r, enc); // validates the record against the schema
                enc.flush();

                byte[] key = ticketId.getBytes(StandardCharsets.UTF_8);
                acks.add(producer.send(new ProducerRecord<>(ticketsTopic, key, frame(ticketSchemaId, out.toByteArray()))));
                sent.add(ticketId);
            }
            producer.flush();
            for (Future<RecordMetadata> f : acks) {
                f.get(); // throws if the broker refused a record
            }
        }
        System.out.printf("interop: produced %d TicketCreated to %s (schema id %d), ids %s1..%s%d%n",
                count, ticketsTopic, ticketSchemaId, prefix, prefix, count);
        return sent;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static String header(ConsumerRecord<byte[], byte[]> rec, String name) {
        Header h = rec.headers().lastHeader(name);
        return h == null || h.value() == null ? "-" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private int consume(Schema decisionSchema, Set<String> sent) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "interop-" + UUID.randomUUID());
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "ticket-router-interop");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());

        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(decisionSchema);
        Map<String, GenericRecord> decided = new LinkedHashMap<>();
        Set<String> dead = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        int decisionsRead = 0;
        int duplicates = 0;

        List<String> topics = new ArrayList<>(List.of(decisionsTopic));
        if (!dlqTopic.isEmpty()) {
            topics.add(dlqTopic);
        }
        long start = System.currentTimeMillis();
        long deadline = start + timeoutMs;
        long graceEnd = Long.MAX_VALUE;
        boolean timedOut = false;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            consumer.subscribe(topics);
            while (true) {
                long now = System.currentTimeMillis();
                if (now >= graceEnd) {
                    break;
                }
                if (now >= deadline) {
                    timedOut = true;
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(250))) {
                    if (rec.key() == null) {
                        continue;
                    }
                    String key = new String(rec.key(), StandardCharsets.UTF_8);
                    if (!key.startsWith(prefix)) {
                        continue; // someone else's ticket
                    }
                    String where = rec.topic() + "/" + rec.partition() + "@" + rec.offset();
                    byte[] v = rec.value();
                    if (rec.topic().equals(dlqTopic) && !rec.topic().equals(decisionsTopic)) {
                        String id = v != null && v.length >= 5 ? Integer.toString(ByteBuffer.wrap(v, 1, 4).getInt()) : "?";
                        System.out.printf("dlq ticket_id=%s reason=%s error=%s source=%s/%s@%s payload_schema_id=%s (%s)%n",
                                key, header(rec, "x-dlq-reason"), header(rec, "x-dlq-error"),
                                header(rec, "x-dlq-source-topic"), header(rec, "x-dlq-source-partition"),
                                header(rec, "x-dlq-source-offset"), id, where);
                        if (sent.contains(key)) {
                            dead.add(key);
                        }
                        if (!expectDlq) {
                            problems.add("ticket " + key + " went to the DLQ: " + header(rec, "x-dlq-reason"));
                        }
                        continue;
                    }
                    decisionsRead++;
                    if (v == null || v.length < 5) {
                        problems.add(where + ": value of " + (v == null ? 0 : v.length) + " bytes, too short for the framing");
                        continue;
                    }
                    int schemaId = ByteBuffer.wrap(v, 1, 4).getInt();
                    if (v[0] != MAGIC) {
                        problems.add(where + ": magic byte " + v[0] + ", expected 0");
                        continue;
                    }
                    if (schemaId != decisionSchemaId) {
                        problems.add(where + ": schema id " + schemaId + ", expected " + decisionSchemaId);
                        continue;
                    }
                    GenericRecord d;
                    try {
                        BinaryDecoder dec = DecoderFactory.get().binaryDecoder(v, 5, v.length - 5, null);
                        d = reader.read(null, dec);
                        if (!dec.isEnd()) {
                            problems.add(where + ": trailing bytes after the RoutingDecision record");
                            continue;
                        }
                    } catch (IOException | RuntimeException e) {
                        problems.add(where + ": cannot decode RoutingDecision: " + e);
                        continue;
                    }
                    String ticketId = str(d.get("ticket_id"));
                    String agent = str(d.get("agent_id"));
                    System.out.printf("decision ticket_id=%s decision_id=%s team=%s queue=%s agent_id=%s priority=%s category=%s%n",
                            ticketId, str(d.get("decision_id")), str(d.get("team")), str(d.get("queue")),
                            agent == null ? "-" : agent, str(d.get("priority")), str(d.get("category")));
                    if (!key.equals(ticketId)) {
                        problems.add(where + ": key " + key + " but ticket_id " + ticketId);
                        continue;
                    }
                    if (!sent.contains(ticketId)) {
                        problems.add(where + ": decision for " + ticketId + ", a ticket this run did not send");
                        continue;
                    }
                    if (decided.putIfAbsent(ticketId, d) != null) {
                        duplicates++;
                    }
                }
                if (!expectDlq && decided.size() == sent.size()) {
                    break;
                }
                if (!expectDlq && !problems.isEmpty() && !dead.isEmpty()) {
                    break; // a ticket was dead-lettered: it will never be decided
                }
                if (expectDlq && dead.size() == sent.size() && graceEnd == Long.MAX_VALUE) {
                    graceEnd = System.currentTimeMillis() + graceMs; // keep watching for decisions a while
                }
            }
        }
        double secs = (System.currentTimeMillis() - start) / 1000.0;
        return expectDlq ? verdictDlq(sent, dead, decided, problems, timedOut, secs)
                : verdictDecisions(sent, decided, problems, duplicates, decisionsRead, timedOut, secs);
    }

    private int verdictDecisions(Set<String> sent, Map<String, GenericRecord> decided, List<String> problems,
                                 int duplicates, int read, boolean timedOut, double secs) {
        for (Map.Entry<String, GenericRecord> e : decided.entrySet()) {
            GenericRecord d = e.getValue();
            String team = str(d.get("team"));
            String decisionId = str(d.get("decision_id"));
            if (team == null || team.isEmpty()) {
                problems.add("decision for " + e.getKey() + " has an empty team");
            } else if (!expectTeam.isEmpty() && !expectTeam.equals(team)) {
                problems.add("decision for " + e.getKey() + " names team " + team + ", expected " + expectTeam);
            }
            if (decisionId == null || decisionId.isEmpty()) {
                problems.add("decision for " + e.getKey() + " has an empty decision_id");
            }
            if (!customer.equals(str(d.get("customer_id")))) {
                problems.add("decision for " + e.getKey() + " has customer_id " + d.get("customer_id") + ", sent " + customer);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String t : sent) {
            if (!decided.containsKey(t)) {
                missing.add(t);
            }
        }
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " of " + sent.size() + " tickets got no decision on " + decisionsTopic
                    + (timedOut ? " within " + timeoutMs / 1000 + " s" : "") + ": "
                    + String.join(", ", missing.subList(0, Math.min(10, missing.size())))
                    + (missing.size() > 10 ? ", ..." : "")
                    + (timedOut ? " (is a ticket-router consuming " + ticketsTopic + " and publishing to "
                            + decisionsTopic + "?)" : ""));
        }
        String dup = duplicates > 0 ? ", " + duplicates + " duplicate decision(s)" : "";
        if (problems.isEmpty()) {
            System.out.printf("interop: OK: %d of %d tickets decoded with a team and decision_id in %.1f s "
                    + "(%d decision records of this run read%s)%n", decided.size(), sent.size(), secs, read, dup);
            return 0;
        }
        for (String p : problems) {
            System.err.println("interop: problem: " + p);
        }
        System.err.printf("interop: FAIL: %d of %d tickets decided, %d problem(s)%s%n",
                decided.size(), sent.size(), problems.size(), dup);
        return 1;
    }

    private int verdictDlq(Set<String> sent, Set<String> dead, Map<String, GenericRecord> decided, List<String> problems,
                           boolean timedOut, double secs) {
        if (!decided.isEmpty()) {
            problems.add(decided.size() + " ticket(s) got a decision on " + decisionsTopic
                    + " although they were expected on the DLQ: " + String.join(", ", decided.keySet()));
        }
        if (dead.size() < sent.size()) {
            problems.add("only " + dead.size() + " of " + sent.size() + " tickets reached " + dlqTopic
                    + (timedOut ? " within " + timeoutMs / 1000 + " s" : ""));
        }
        if (problems.isEmpty()) {
            System.out.printf("interop: OK: all %d tickets (schema id %d) went to %s and none to %s (%.1f s)%n",
                    sent.size(), ticketSchemaId, dlqTopic, decisionsTopic, secs);
            return 0;
        }
        for (String p : problems) {
            System.err.println("interop: problem: " + p);
        }
        System.err.printf("interop: FAIL: %d of %d tickets on the DLQ, %d decided%n", dead.size(), sent.size(), decided.size());
        return 1;
    }
}
