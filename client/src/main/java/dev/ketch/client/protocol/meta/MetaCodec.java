package dev.ketch.client.protocol.meta;

import dev.ketch.client.protocol.ArithmeticOperation;
import dev.ketch.client.protocol.AuthOperation;
import dev.ketch.client.protocol.DeleteOperation;
import dev.ketch.client.protocol.GetOperation;
import dev.ketch.client.protocol.InvalidateOperation;
import dev.ketch.client.protocol.MetaGetOperation;
import dev.ketch.client.protocol.MultiGetOperation;
import dev.ketch.client.protocol.OpKind;
import dev.ketch.client.protocol.Operation;
import dev.ketch.client.protocol.ProtocolCodec;
import dev.ketch.client.protocol.ReplySink;
import dev.ketch.client.protocol.ServerOperation;
import dev.ketch.client.protocol.StoreOperation;
import dev.ketch.client.protocol.TouchOperation;
import dev.ketch.client.protocol.text.Ascii;
import dev.ketch.client.protocol.text.Decimal;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * memcached's meta protocol (memcached 1.6 and later), client side: every key operation is an
 * {@code mg}, {@code ms}, {@code md} or {@code ma}; replies come back in request order. A
 * multi-get is one quiet {@code mg ... q O<i>} per key (misses send nothing; {@code O} says which
 * key an item is) closed by {@code mn}. A quiet request carries {@code Oq}, which memcached echoes
 * on the failures it still reports, so the decoder can drop them. Keys that are not printable go
 * base64-encoded ({@code b}). Commands for the server as a whole ({@code flush_all},
 * {@code version}, {@code stats}, {@code verbosity}) are the text protocol's, which memcached
 * serves on the same connection.
 */
public final class MetaCodec implements ProtocolCodec {

    public static final MetaCodec INSTANCE = new MetaCodec();

    private static final short CRLF = 0x0d0a;
    private static final byte[] MG = Ascii.bytes("mg ");
    private static final byte[] MS = Ascii.bytes("ms ");
    private static final byte[] MD = Ascii.bytes("md ");
    private static final byte[] MA = Ascii.bytes("ma ");
    private static final byte[] VALUE_AND_FLAGS = Ascii.bytes(" v f");
    private static final byte[] QUIET = Ascii.bytes(" q Oq");
    private static final byte[] MN = Ascii.bytes("mn\r\n");

    private MetaCodec() {
    }

    @Override
    public ChannelHandler newDecoder(ReplySink sink) {
        return new MetaReplyDecoder(sink);
    }

    /** 1 to 250 bytes of anything; keys that are not printable at most 186 (they go base64). */
    @Override
    public void validateKey(byte[] key) {
        MetaKeys.validate(key);
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
        return true;
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
            case GAT:
            case GATS:
                encodeGet((GetOperation<?, ?>) op, out);
                break;
            case TOUCH: {
                TouchOperation t = (TouchOperation) op;
                command(out, MG, t.key());
                flag(out, 'T', t.exptime());
                end(op, out);
                break;
            }
            case MULTI_GET:
            case MULTI_GETS:
                encodeMultiGet((MultiGetOperation<?, ?>) op, out);
                break;
            case META_GET:
                encodeMetaGet((MetaGetOperation<?>) op, out);
                break;
            case SET:
            case ADD:
            case REPLACE:
            case APPEND:
            case PREPEND:
            case CAS:
                encodeStore((StoreOperation<?>) op, out);
                break;
            case DELETE: {
                DeleteOperation<?> d = (DeleteOperation<?>) op;
                command(out, MD, d.key());
                if (d.cas() != 0) {
                    out.writeByte(' ').writeByte('C');
                    Decimal.writeUnsigned(out, d.cas());
                }
                end(op, out);
                break;
            }
            case INVALIDATE: {
                InvalidateOperation i = (InvalidateOperation) op;
                command(out, MD, i.key());
                out.writeByte(' ').writeByte('I');
                flag(out, 'T', i.staleSeconds());
                if (i.cas() != 0) {
                    out.writeByte(' ').writeByte('C');
                    Decimal.writeUnsigned(out, i.cas());
                }
                end(op, out);
                break;
            }
            case INCR:
            case DECR:
                encodeArithmetic((ArithmeticOperation) op, out);
                break;
            case NOOP:
                out.writeBytes(MN);
                break;
            case FLUSH_ALL:
            case VERSION:
            case STATS:
            case VERBOSITY:
                encodeServerCommand((ServerOperation<?>) op, out);
                break;
            case TEXT_AUTH: {
                AuthOperation auth = (AuthOperation) op;
                byte[] token = (auth.username() + " " + auth.password()).getBytes(StandardCharsets.UTF_8);
                ascii(out, "set ketch-auth 0 0 " + token.length + "\r\n");
                out.writeBytes(token);
                out.writeShort(CRLF);
                break;
            }
            default:
                throw new IllegalArgumentException(op.kind() + " has no meta protocol form");
        }
    }

    private static void encodeGet(GetOperation<?, ?> g, ByteBuf out) {
        command(out, MG, g.key());
        out.writeBytes(VALUE_AND_FLAGS);
        if (g.kind() == OpKind.GETS || g.kind() == OpKind.GATS) {
            out.writeByte(' ').writeByte('c');
        }
        if (g.kind() == OpKind.GAT || g.kind() == OpKind.GATS) {
            flag(out, 'T', g.exptime());
        }
        out.writeShort(CRLF);
    }

    private static void encodeMultiGet(MultiGetOperation<?, ?> m, ByteBuf out) {
        List<byte[]> keys = m.keys();
        boolean withCas = m.kind() == OpKind.MULTI_GETS;
        for (int i = 0; i < keys.size(); i++) {
            byte[] key = keys.get(i);
            out.ensureWritable(key.length * 2 + 32);
            command(out, MG, key);
            out.writeBytes(VALUE_AND_FLAGS);
            if (withCas) {
                out.writeByte(' ').writeByte('c');
            }
            out.writeByte(' ').writeByte('q');
            flag(out, 'O', i);
            out.writeShort(CRLF);
        }
        out.writeBytes(MN);
    }

    private static void encodeMetaGet(MetaGetOperation<?> g, ByteBuf out) {
        command(out, MG, g.key());
        if (g.withValue()) {
            out.writeByte(' ').writeByte('v');
        }
        ascii(out, " f c t l h s");
        if (g.noBump()) {
            out.writeByte(' ').writeByte('u');
        }
        if (g.vivifySeconds() != MetaGetOperation.NONE) {
            flag(out, 'N', g.vivifySeconds());
        }
        if (g.recacheBelowSeconds() != MetaGetOperation.NONE) {
            flag(out, 'R', g.recacheBelowSeconds());
        }
        out.writeShort(CRLF);
    }

    private static void encodeStore(StoreOperation<?> s, ByteBuf out) {
        byte[] value = s.value().data();
        out.ensureWritable(s.key().length * 2 + value.length + 96);
        out.writeBytes(MS);
        boolean base64 = MetaKeys.write(out, s.key());
        out.writeByte(' ');
        Decimal.write(out, value.length);
        if (base64) {
            out.writeByte(' ').writeByte('b');
        }
        boolean concatenation = s.kind() == OpKind.APPEND || s.kind() == OpKind.PREPEND;
        if (!concatenation) {
            if (s.exptime() != 0) {
                flag(out, 'T', s.exptime());
            }
            if (s.value().flags() != 0) {
                out.writeByte(' ').writeByte('F');
                Decimal.writeUnsigned(out, s.value().flags() & 0xffff_ffffL);
            }
        }
        if (s.cas() != 0) {
            out.writeByte(' ').writeByte('C');
            Decimal.writeUnsigned(out, s.cas());
        }
        char mode = switch (s.kind()) {
            case ADD -> 'E';
            case REPLACE -> 'R';
            case APPEND -> 'A';
            case PREPEND -> 'P';
            default -> 0;
        };
        if (mode != 0) {
            out.writeByte(' ').writeByte('M').writeByte(mode);
        }
        if (s.returnsCas() && !s.noreply()) {
            out.writeByte(' ').writeByte('c');
        }
        end(s, out);
        out.writeBytes(value);
        out.writeShort(CRLF);
    }

    private static void encodeArithmetic(ArithmeticOperation a, ByteBuf out) {
        command(out, MA, a.key());
        if (!a.noreply()) {
            out.writeByte(' ').writeByte('v');
        }
        out.writeByte(' ').writeByte('D');
        Decimal.writeUnsigned(out, a.delta());
        if (a.kind() == OpKind.DECR) {
            out.writeByte(' ').writeByte('M').writeByte('D');
        }
        if (a.creates()) {
            flag(out, 'N', a.exptime());
            out.writeByte(' ').writeByte('J');
            Decimal.writeUnsigned(out, a.initial());
        }
        end(a, out);
    }

    private static void encodeServerCommand(ServerOperation<?> op, ByteBuf out) {
        switch (op.kind()) {
            case FLUSH_ALL:
                ascii(out, "flush_all ");
                Decimal.write(out, op.number());
                break;
            case VERSION:
                ascii(out, "version");
                break;
            case STATS:
                ascii(out, op.argument().isEmpty() ? "stats" : "stats " + op.argument());
                break;
            default:
                ascii(out, "verbosity ");
                Decimal.write(out, op.number());
                break;
        }
        if (op.noreply()) {
            ascii(out, " noreply");
        }
        out.writeShort(CRLF);
    }

    /** {@code mg <key>}, with the {@code b} flag right after a base64 key. */
    private static void command(ByteBuf out, byte[] command, byte[] key) {
        out.writeBytes(command);
        if (MetaKeys.write(out, key)) {
            out.writeByte(' ').writeByte('b');
        }
    }

    private static void flag(ByteBuf out, char flag, long number) {
        out.writeByte(' ').writeByte(flag);
        Decimal.write(out, number);
    }

    /** The quiet flags of a noreply request, and the line's end. */
    private static void end(Operation<?> op, ByteBuf out) {
        if (op.noreply()) {
            out.writeBytes(QUIET);
        }
        out.writeShort(CRLF);
    }

    private static void ascii(ByteBuf out, String s) {
        out.writeCharSequence(s, StandardCharsets.US_ASCII);
    }

}
