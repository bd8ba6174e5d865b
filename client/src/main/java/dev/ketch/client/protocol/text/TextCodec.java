package dev.ketch.client.protocol.text;

import dev.ketch.client.protocol.ArithmeticOperation;
import dev.ketch.client.protocol.AuthOperation;
import dev.ketch.client.protocol.DeleteOperation;
import dev.ketch.client.protocol.GetOperation;
import dev.ketch.client.protocol.KeyedOperation;
import dev.ketch.client.protocol.MultiGetOperation;
import dev.ketch.client.protocol.OpKind;
import dev.ketch.client.protocol.Operation;
import dev.ketch.client.protocol.ProtocolCodec;
import dev.ketch.client.protocol.ReplySink;
import dev.ketch.client.protocol.ServerOperation;
import dev.ketch.client.protocol.StoreOperation;
import dev.ketch.client.protocol.TouchOperation;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import java.nio.charset.StandardCharsets;

/**
 * memcached's text protocol, client side. Replies come back in request order; the decoder reads
 * each according to the oldest in-flight operation. A delete with a CAS unique uses the meta
 * protocol's {@code md} (memcached 1.6+), the only text form that compares a CAS on delete (it
 * always gets a reply: {@code md} has no silent form for a mismatch), and a no-op is the meta
 * {@code mn}.
 */
public final class TextCodec implements ProtocolCodec {

    public static final TextCodec INSTANCE = new TextCodec();
    static final int MAX_KEY_LENGTH = 250;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] NOREPLY = " noreply".getBytes(StandardCharsets.US_ASCII);

    private TextCodec() {
    }

    @Override
    public ChannelHandler newDecoder(ReplySink sink) {
        return new TextReplyDecoder(sink);
    }

    /**
     * Keys must be 1 to 250 bytes without spaces or control characters: in the text protocol a
     * space would end the key and a line break would end the command, letting a key inject
     * commands.
     */
    @Override
    public void validateKey(byte[] key) {
        if (key.length == 0 || key.length > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("memcached keys are 1 to " + MAX_KEY_LENGTH + " bytes, not " + key.length);
        }
        for (byte b : key) {
            if ((b & 0xff) <= ' ' || b == 0x7f) {
                throw new IllegalArgumentException(String.format(
                        "text protocol keys may not contain whitespace or control characters (found 0x%02x)", b & 0xff));
            }
        }
    }

    @Override
    public boolean supportsNoreply(OpKind kind) {
        return kind.isStore() || kind == OpKind.DELETE || kind == OpKind.INCR || kind == OpKind.DECR
                || kind == OpKind.TOUCH || kind == OpKind.FLUSH_ALL || kind == OpKind.VERBOSITY;
    }

    @Override
    public boolean supports(OpKind kind) {
        return kind != OpKind.SASL_PLAIN;
    }

    @Override
    public boolean createsOnArithmetic() {
        return false;
    }

    @Override
    public OpKind authentication() {
        return OpKind.TEXT_AUTH;
    }

    @Override
    public void encode(Operation<?> op, ByteBuf out) {
        switch (op.kind()) {
            case GET:
            case GETS:
                ascii(out, op.kind() == OpKind.GET ? "get " : "gets ");
                out.writeBytes(key(op));
                out.writeBytes(CRLF);
                break;
            case GAT:
            case GATS:
                ascii(out, op.kind() == OpKind.GAT ? "gat " : "gats ");
                number(out, ((GetOperation<?, ?>) op).exptime());
                out.writeByte(' ');
                out.writeBytes(key(op));
                out.writeBytes(CRLF);
                break;
            case MULTI_GET:
            case MULTI_GETS:
                ascii(out, op.kind() == OpKind.MULTI_GET ? "get" : "gets");
                for (byte[] key : ((MultiGetOperation<?, ?>) op).keys()) {
                    out.writeByte(' ');
                    out.writeBytes(key);
                }
                out.writeBytes(CRLF);
                break;
            case SET:
            case ADD:
            case REPLACE:
            case APPEND:
            case PREPEND:
            case CAS:
                encodeStore((StoreOperation<?>) op, out);
                break;
            case DELETE:
                encodeDelete((DeleteOperation<?>) op, out);
                break;
            case INCR:
            case DECR: {
                ArithmeticOperation a = (ArithmeticOperation) op;
                ascii(out, op.kind() == OpKind.INCR ? "incr " : "decr ");
                out.writeBytes(a.key());
                out.writeByte(' ');
                ascii(out, Long.toUnsignedString(a.delta()));
                noreply(op, out);
                break;
            }
            case TOUCH: {
                TouchOperation t = (TouchOperation) op;
                ascii(out, "touch ");
                out.writeBytes(t.key());
                out.writeByte(' ');
                number(out, t.exptime());
                noreply(op, out);
                break;
            }
            case FLUSH_ALL:
                ascii(out, "flush_all ");
                number(out, ((ServerOperation<?>) op).number());
                noreply(op, out);
                break;
            case NOOP:
                ascii(out, "mn\r\n");
                break;
            case VERSION:
                ascii(out, "version\r\n");
                break;
            case STATS: {
                String group = ((ServerOperation<?>) op).argument();
                ascii(out, group.isEmpty() ? "stats\r\n" : "stats " + group + "\r\n");
                break;
            }
            case VERBOSITY:
                ascii(out, "verbosity ");
                number(out, ((ServerOperation<?>) op).number());
                noreply(op, out);
                break;
            case TEXT_AUTH: {
                AuthOperation auth = (AuthOperation) op;
                byte[] token = (auth.username() + " " + auth.password()).getBytes(StandardCharsets.UTF_8);
                ascii(out, "set ketch-auth 0 0 ");
                number(out, token.length);
                out.writeBytes(CRLF);
                out.writeBytes(token);
                out.writeBytes(CRLF);
                break;
            }
            default:
                throw new IllegalArgumentException(op.kind() + " has no text protocol form");
        }
    }

    private static void encodeStore(StoreOperation<?> s, ByteBuf out) {
        byte[] value = s.value().data();
        out.ensureWritable(s.key().length + value.length + 64);
        ascii(out, commandName(s.kind()));
        out.writeByte(' ');
        out.writeBytes(s.key());
        out.writeByte(' ');
        ascii(out, Integer.toUnsignedString(s.value().flags()));
        out.writeByte(' ');
        number(out, s.exptime());
        out.writeByte(' ');
        number(out, value.length);
        if (s.kind() == OpKind.CAS) {
            out.writeByte(' ');
            ascii(out, Long.toUnsignedString(s.cas()));
        }
        noreply(s, out);
        out.writeBytes(value);
        out.writeBytes(CRLF);
    }

    private static void encodeDelete(DeleteOperation<?> d, ByteBuf out) {
        if (d.cas() != 0) {
            ascii(out, "md ");
            out.writeBytes(d.key());
            ascii(out, " C");
            ascii(out, Long.toUnsignedString(d.cas()));
            out.writeBytes(CRLF);
            return;
        }
        ascii(out, "delete ");
        out.writeBytes(d.key());
        noreply(d, out);
    }

    private static String commandName(OpKind kind) {
        switch (kind) {
            case SET:
                return "set";
            case ADD:
                return "add";
            case REPLACE:
                return "replace";
            case APPEND:
                return "append";
            case PREPEND:
                return "prepend";
            default:
                return "cas";
        }
    }

    private static void noreply(Operation<?> op, ByteBuf out) {
        if (op.noreply()) {
            out.writeBytes(NOREPLY);
        }
        out.writeBytes(CRLF);
    }

    private static byte[] key(Operation<?> op) {
        return ((KeyedOperation<?>) op).key();
    }

    private static void ascii(ByteBuf out, String s) {
        out.writeCharSequence(s, StandardCharsets.US_ASCII);
    }

    private static void number(ByteBuf out, int n) {
        ascii(out, Integer.toString(n));
    }
}
