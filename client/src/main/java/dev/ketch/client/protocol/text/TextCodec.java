package dev.ketch.client.protocol.text;

import dev.ketch.client.protocol.ArithmeticOperation;
import dev.ketch.client.protocol.AuthOperation;
import dev.ketch.client.protocol.DeleteOperation;
import dev.ketch.client.protocol.GetBatch;
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
import java.util.List;
import java.util.Queue;

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
    private static final short CRLF_SHORT = 0x0d0a;
    private static final byte[] GET = Lines.bytes("get");
    private static final byte[] GETS = Lines.bytes("gets");
    private static final byte[] GET_ = Lines.bytes("get ");
    private static final byte[] GETS_ = Lines.bytes("gets ");
    private static final byte[] SET_ = Lines.bytes("set ");
    private static final byte[] ADD_ = Lines.bytes("add ");
    private static final byte[] REPLACE_ = Lines.bytes("replace ");
    private static final byte[] APPEND_ = Lines.bytes("append ");
    private static final byte[] PREPEND_ = Lines.bytes("prepend ");
    private static final byte[] CAS_ = Lines.bytes("cas ");
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
        return kind != OpKind.SASL_PLAIN && kind != OpKind.META_GET && kind != OpKind.INVALIDATE;
    }

    @Override
    public boolean createsOnArithmetic() {
        return false;
    }

    @Override
    public OpKind authentication() {
        return OpKind.TEXT_AUTH;
    }

    /**
     * Single gets queued together (16 or more) go out as one {@code get k1 k2 ...}: memcached writes
     * the reply of every text {@code get} command at once, so n pipelined gets cost it n system
     * calls, one multi-key get one.
     */
    @Override
    public Operation<?> coalesce(Operation<?> first, Queue<Operation<?>> queue) {
        return GetBatch.collect(first, queue);
    }

    @Override
    public void encode(Operation<?> op, ByteBuf out) {
        switch (op.kind()) {
            case GET:
            case GETS: {
                byte[] key = key(op);
                out.ensureWritable(key.length + 7);
                out.writeBytes(op.kind() == OpKind.GET ? GET_ : GETS_);
                out.writeBytes(key);
                out.writeShort(CRLF_SHORT);
                break;
            }
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
                writeGet(out, op.kind() == OpKind.MULTI_GETS, ((MultiGetOperation<?, ?>) op).keys());
                break;
            case GET_BATCH: {
                GetBatch batch = (GetBatch) op;
                List<GetOperation<?, ?>> members = batch.members();
                if (!batch.oneLine()) {
                    for (int i = 0; i < members.size(); i++) {
                        byte[] key = members.get(i).key();
                        out.ensureWritable(key.length + 7);
                        out.writeBytes(batch.withCas() ? GETS_ : GET_);
                        out.writeBytes(key);
                        out.writeShort(CRLF_SHORT);
                    }
                    break;
                }
                out.writeBytes(batch.withCas() ? GETS : GET);
                for (int i = 0; i < members.size(); i++) {
                    byte[] key = members.get(i).key();
                    out.ensureWritable(key.length + 3);
                    out.writeByte(' ');
                    out.writeBytes(key);
                }
                out.writeShort(CRLF_SHORT);
                break;
            }
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

    /** {@code get k1 k2 ...} (or {@code gets}) on one line. */
    private static void writeGet(ByteBuf out, boolean withCas, List<byte[]> keys) {
        int length = 6;
        for (int i = 0; i < keys.size(); i++) {
            length += keys.get(i).length + 1;
        }
        out.ensureWritable(length);
        out.writeBytes(withCas ? GETS : GET);
        for (int i = 0; i < keys.size(); i++) {
            out.writeByte(' ');
            out.writeBytes(keys.get(i));
        }
        out.writeShort(CRLF_SHORT);
    }

    private static void encodeStore(StoreOperation<?> s, ByteBuf out) {
        byte[] value = s.value().data();
        out.ensureWritable(s.key().length + value.length + 80);
        out.writeBytes(commandName(s.kind()));
        out.writeBytes(s.key());
        out.writeByte(' ');
        Decimal.write(out, s.value().flags() & 0xffff_ffffL);
        out.writeByte(' ');
        Decimal.write(out, s.exptime());
        out.writeByte(' ');
        Decimal.write(out, value.length);
        if (s.kind() == OpKind.CAS) {
            out.writeByte(' ');
            Decimal.writeUnsigned(out, s.cas());
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

    /** The command and the space after it. */
    private static byte[] commandName(OpKind kind) {
        switch (kind) {
            case SET:
                return SET_;
            case ADD:
                return ADD_;
            case REPLACE:
                return REPLACE_;
            case APPEND:
                return APPEND_;
            case PREPEND:
                return PREPEND_;
            default:
                return CAS_;
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
        Decimal.write(out, n);
    }
}
