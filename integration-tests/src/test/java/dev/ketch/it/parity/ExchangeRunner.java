package dev.ketch.it.parity;

import dev.ketch.it.support.ConnectionClosedException;
import dev.ketch.it.support.ReplyTimeoutException;
import dev.ketch.it.support.TextConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one {@link Exchange} against one server on a fresh connection and records a
 * {@link Transcript}. Never hangs: reads time out, and after a timeout the remaining steps are
 * skipped (and say so in the transcript).
 */
public final class ExchangeRunner {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{k:(\\d+)}|\\{k}|\\{cas}|\\{now([+-]\\d+)}");
    private static final Pattern BASE64_PLACEHOLDER = Pattern.compile("\\{b64:([^{}]*)}");
    private static final Pattern META_SECONDS = Pattern.compile("(t|l|exp=|la=)(-?\\d+)");
    private static final int REQUEST_PREVIEW_CHARS = 100;
    /** Sent after the last step; no other command's reply starts with "VERSION ". */
    private static final String PROBE = "version\r\n";

    private final Duration replyTimeout;

    public ExchangeRunner(Duration replyTimeout) {
        this.replyTimeout = replyTimeout;
    }

    private enum ConnectionState { OPEN, CLOSED, TIMED_OUT }

    /** Per-run state: placeholders' values and the connection's state. */
    private static final class Row {
        final String keyPrefix;
        final Map<String, String> casLabels = new HashMap<>();
        String lastCas = "NO_CAS_SEEN_YET";
        ConnectionState state = ConnectionState.OPEN;

        Row(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }
    }

    /**
     * Runs {@code exchange} against 127.0.0.1:{@code port}; keys are prefixed with {@code keyPrefix}.
     */
    public Transcript run(Exchange exchange, int port, String keyPrefix) {
        Transcript transcript = new Transcript();
        Row row = new Row(keyPrefix);
        try (TextConnection connection = TextConnection.open(port, replyTimeout)) {
            for (Step step : exchange.steps()) {
                if (step instanceof Step.Write write) {
                    write(connection, write, row, transcript);
                } else if (step instanceof Step.Read read) {
                    read(connection, read, row, transcript);
                } else if (step instanceof Step.Pause pause) {
                    transcript.note("(pause " + pause.duration().toMillis() + " ms)");
                    if (row.state == ConnectionState.OPEN) {
                        sleep(pause.duration());
                    }
                }
            }
            transcript.outcome(finalState(connection, row));
        } catch (IOException e) {
            transcript.outcome("cannot connect to 127.0.0.1:" + port + ": " + e.getMessage());
        }
        return transcript;
    }

    private void write(TextConnection connection, Step.Write write, Row row, Transcript transcript) {
        transcript.request(preview(write.template()));
        if (row.state != ConnectionState.OPEN) {
            return;
        }
        byte[] bytes = substitute(write.template(), row).getBytes(StandardCharsets.ISO_8859_1);
        try {
            for (int from = 0; from < bytes.length; from += write.pieceSize()) {
                if (from > 0) {
                    sleep(write.pauseBetweenPieces());
                }
                int to = (int) Math.min(bytes.length, (long) from + write.pieceSize());
                connection.send(Arrays.copyOfRange(bytes, from, to));
            }
        } catch (ConnectionClosedException e) {
            row.state = ConnectionState.CLOSED;
        } catch (IOException e) {
            row.state = ConnectionState.TIMED_OUT;
            transcript.note("<write failed: " + e.getMessage() + ">");
        }
    }

    private void read(TextConnection connection, Step.Read read, Row row, Transcript transcript) {
        if (row.state != ConnectionState.OPEN) {
            String skipped = row.state == ConnectionState.CLOSED ? "<connection closed>"
                    : "<skipped: an earlier step timed out>";
            transcript.reply(skipped);
            if (read.expected() != null) {
                // a documented reply that never came fails the row's documentation too
                transcript.expectationFailed(Rendering.text(substitute(read.expected(), row)), skipped);
            }
            return;
        }
        String rendered;
        try {
            rendered = switch (read.shape()) {
                case LINE -> Rendering.bytes(connection.readLineBytes());
                case LINES -> Rendering.bytes(readLines(connection, read.lineCount()));
                case VALUES -> renderValues(connection.readUntilEnd(), row);
                case STATS -> renderStats(connection.readLinesUntil("STAT ", "END"));
                case VERSION -> renderVersion(connection.readLineBytes());
                case META -> renderMeta(connection, row);
                case CLOSE -> closed(row, Rendering.bytes(connection.readUntilClosed()) + "<connection closed>");
            };
        } catch (ConnectionClosedException e) {
            row.state = ConnectionState.CLOSED;
            rendered = Rendering.bytes(e.partial()) + "<connection closed>";
        } catch (ReplyTimeoutException e) {
            row.state = ConnectionState.TIMED_OUT;
            rendered = Rendering.bytes(e.partial()) + "<" + e.getMessage() + ">";
        } catch (IOException e) {
            row.state = ConnectionState.TIMED_OUT;
            rendered = "<read failed: " + e + ">";
        }
        transcript.reply(rendered);
        if (read.expected() != null) {
            String expected = Rendering.text(substitute(read.expected(), row));
            if (!expected.equals(rendered)) {
                transcript.expectationFailed(expected, rendered);
            }
        }
    }

    private static String closed(Row row, String rendered) {
        row.state = ConnectionState.CLOSED;
        return rendered;
    }

    private String finalState(TextConnection connection, Row row) {
        switch (row.state) {
            case CLOSED:
                return "connection closed by server";
            case TIMED_OUT:
                return "connection state unknown: a step timed out";
            default:
                break;
        }
        try {
            connection.send(substitute(PROBE, row));
            String answer = connection.readLine();
            return answer.startsWith("VERSION ") ? "connection still usable (probe 'version' answered)"
                    : "connection still usable, but probe 'version' got: " + Rendering.text(answer);
        } catch (ConnectionClosedException e) {
            return "connection closed by server";
        } catch (IOException e) {
            return "connection open but the probe 'version' got no reply (" + e.getMessage() + ")";
        }
    }

    private static byte[] readLines(TextConnection connection, int count) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            try {
                all.writeBytes(connection.readLineBytes());
            } catch (ConnectionClosedException e) {
                all.writeBytes(e.partial());
                throw new ConnectionClosedException(e.getMessage(), all.toByteArray(), e);
            } catch (ReplyTimeoutException e) {
                all.writeBytes(e.partial());
                throw new ReplyTimeoutException(e.getMessage() + " (line " + (i + 1) + " of " + count + ")",
                        all.toByteArray());
            }
        }
        return all.toByteArray();
    }

    /** Renders VALUE lines and data blocks separately; CAS uniques become {@code <casN>} labels. */
    private static String renderValues(byte[] reply, Row row) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < reply.length) {
            int lineEnd = indexOf(reply, (byte) '\n', at);
            if (lineEnd < 0) {
                out.append(Rendering.bytes(reply, at, reply.length));
                break;
            }
            String line = new String(reply, at, lineEnd + 1 - at, StandardCharsets.ISO_8859_1);
            at = lineEnd + 1;
            if (!line.startsWith("VALUE ")) {
                out.append(Rendering.text(line));
                continue;
            }
            String[] tokens = line.strip().split(" ");
            if (tokens.length == 5) {
                String cas = tokens[4];
                row.lastCas = cas;
                String label = row.casLabels.computeIfAbsent(cas, c -> "<cas" + (row.casLabels.size() + 1) + ">");
                int casStart = line.lastIndexOf(cas);
                line = line.substring(0, casStart) + label + line.substring(casStart + cas.length());
            }
            out.append(Rendering.text(line));
            int dataEnd = Math.min(reply.length, at + dataLength(tokens) + 2);
            out.append(Rendering.bytes(reply, at, dataEnd));
            at = dataEnd;
        }
        return out.toString();
    }

    private static int dataLength(String[] valueTokens) {
        try {
            return valueTokens.length >= 4 ? Math.max(0, Integer.parseInt(valueTokens[3])) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A meta reply line (normalized, see {@link ReplyShape#META}) and, after VA, its data block. */
    private static String renderMeta(TextConnection connection, Row row) throws IOException {
        byte[] lineBytes = connection.readLineBytes();
        String line = new String(lineBytes, StandardCharsets.ISO_8859_1);
        if (!line.endsWith("\r\n") || line.startsWith("VALUE ") || line.contains("_ERROR") || line.startsWith("ERROR")) {
            return Rendering.bytes(lineBytes);
        }
        String[] tokens = line.substring(0, line.length() - 2).split(" ", -1);
        for (int i = 1; i < tokens.length; i++) {
            tokens[i] = normalizeMetaToken(tokens[i], row);
        }
        String rendered = Rendering.text(String.join(" ", tokens) + "\r\n");
        if (tokens[0].equals("VA") && tokens.length > 1) {
            int size;
            try {
                size = Integer.parseInt(tokens[1]);
            } catch (NumberFormatException e) {
                return rendered;
            }
            try {
                return rendered + Rendering.bytes(connection.readBytes(size + 2));
            } catch (ConnectionClosedException e) {
                throw new ConnectionClosedException(e.getMessage(), concat(lineBytes, e.partial()), e);
            } catch (ReplyTimeoutException e) {
                throw new ReplyTimeoutException(e.getMessage(), concat(lineBytes, e.partial()));
            }
        }
        return rendered;
    }

    private static String normalizeMetaToken(String token, Row row) {
        String casDigits = token.matches("c\\d+") ? token.substring(1)
                : token.matches("cas=\\d+") ? token.substring(4) : null;
        if (casDigits != null) {
            row.lastCas = casDigits;
            String label = row.casLabels.computeIfAbsent(casDigits, c -> "<cas" + (row.casLabels.size() + 1) + ">");
            return (token.startsWith("cas=") ? "cas=" : "c") + label;
        }
        Matcher seconds = META_SECONDS.matcher(token);
        if (seconds.matches() && !token.equals("t-1")) {
            long rounded = Math.round(Long.parseLong(seconds.group(2)) / 10.0) * 10;
            return seconds.group(1) + "<" + rounded + "s>";
        }
        return token;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static String renderStats(byte[] reply) {
        String text = new String(reply, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("(?<=\n)");
        boolean shaped = lines.length >= 2 && lines[lines.length - 1].equals("END\r\n");
        for (int i = 0; shaped && i < lines.length - 1; i++) {
            shaped = lines[i].startsWith("STAT ") && lines[i].endsWith("\r\n");
        }
        return shaped ? "<one or more STAT lines>END\\r\\n" : Rendering.bytes(reply);
    }

    private static String renderVersion(byte[] line) {
        String text = new String(line, StandardCharsets.ISO_8859_1);
        return text.startsWith("VERSION 1.6") && text.endsWith("\r\n")
                ? "VERSION 1.6<rest not compared>\\r\\n" : Rendering.bytes(line);
    }

    private static String substitute(String template, Row row) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 16);
        while (m.find()) {
            String replacement;
            if (m.group(1) != null) {
                int length = Integer.parseInt(m.group(1));
                replacement = row.keyPrefix + "x".repeat(Math.max(0, length - row.keyPrefix.length()));
            } else if (m.group().equals("{k}")) {
                replacement = row.keyPrefix;
            } else if (m.group().equals("{cas}")) {
                replacement = row.lastCas;
            } else {
                replacement = Long.toString(Instant.now().getEpochSecond() + Long.parseLong(m.group(2)));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        Matcher base64 = BASE64_PLACEHOLDER.matcher(out.toString());
        StringBuilder encoded = new StringBuilder(out.length());
        while (base64.find()) {
            base64.appendReplacement(encoded, Matcher.quoteReplacement(Base64.getEncoder()
                    .encodeToString(base64.group(1).getBytes(StandardCharsets.ISO_8859_1))));
        }
        base64.appendTail(encoded);
        return encoded.toString();
    }

    private static String preview(String template) {
        if (template.length() <= REQUEST_PREVIEW_CHARS + 20) {
            return Rendering.text(template);
        }
        return Rendering.text(template.substring(0, REQUEST_PREVIEW_CHARS)) + "... (" + template.length()
                + " chars in all)";
    }

    private static int indexOf(byte[] data, byte value, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
