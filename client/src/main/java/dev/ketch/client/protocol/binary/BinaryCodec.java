package dev.ketch.client.protocol.binary;

import static dev.ketch.client.protocol.binary.BinaryOpcodes.ADD;
import static dev.ketch.client.protocol.binary.BinaryOpcodes.APPEND;
import static dev.ketch.client.protocol.binary.BinaryOpcodes.DECREMENT;
import static dev.ketch.client.protocol.binary.BinaryOpcodes.DELETE;
import static dev.ketch.client.protocol.binary.BinaryOpcodes.FLUSH;
import static dev.ketch.client.protocol.binary.BinaryOpcodes.GAT;
import static dev.ketch.client.protocol.binary.BinaryOpcodes.GET;
import static dev.ketch.client.protocol.binary.BinaryOpcodes.GETQ;
import static dev.ketch.client.protocol.binary.BinaryOpcodes.INCREMENT;
import static dev.ketch.client.protocol.binary.BinaryOpcodes.NOOP;
import static dev.ketch.client.protocol.binary.BinaryOpcodes.PREPEND;
import static dev.ketch.client.protocol.binary.BinaryOpcodes.REPLACE;
import static dev.ketch.client.protocol.binary.BinaryOpcodes.SASL_AUTH;
import static dev.ketch.client.protocol.binary.BinaryOpcodes.SET;
import static dev.ketch.client.protocol.binary.BinaryOpcodes.STAT;
import static dev.ketch.client.protocol.binary.BinaryOpcodes.TOUCH;
import static dev.ketch.client.protocol.binary.BinaryOpcodes.VERBOSITY;
import static dev.ketch.client.protocol.binary.BinaryOpcodes.VERSION;

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
import java.util.List;

/**
 * memcached's binary protocol, client side. Every request carries its operation's opaque; a
 * multi-get is a GETQ per key but the last, whose opaques follow the operation's (the first key's
 * is one more), so that a hit's reply names its key by position and memcached does not send the
 * key back; the last key's GET carries the operation's opaque and its reply, hit or miss, ends the
 * multi-get. (A closing NOOP would cost memcached a transmission of its own per multi-get.)
 */
public final class BinaryCodec implements ProtocolCodec {

    public static final BinaryCodec INSTANCE = new BinaryCodec();
    static final int MAX_KEY_LENGTH = 250;

    private BinaryCodec() {
    }

    @Override
    public ChannelHandler newDecoder(ReplySink sink) {
        return new BinaryReplyDecoder(sink);
    }

    @Override
    public void validateKey(byte[] key) {
        if (key.length == 0 || key.length > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("memcached keys are 1 to " + MAX_KEY_LENGTH + " bytes, not " + key.length);
        }
    }

    @Override
    public boolean supportsNoreply(OpKind kind) {
        return kind.isStore() || kind == OpKind.DELETE || kind == OpKind.INCR || kind == OpKind.DECR
                || kind == OpKind.FLUSH_ALL;
    }

    @Override
    public boolean supports(OpKind kind) {
        return kind != OpKind.VERBOSITY && kind != OpKind.TEXT_AUTH && kind != OpKind.META_GET && kind != OpKind.INVALIDATE;
    }

    @Override
    public boolean createsOnArithmetic() {
        return true;
    }

    @Override
    public OpKind authentication() {
        return OpKind.SASL_PLAIN;
    }

    private static void encodeMultiGet(List<byte[]> keys, int opaque, ByteBuf out) {
        int last = keys.size() - 1;
        if (last < 0) {
            header(out, NOOP, null, 0, 0, opaque, 0);
            return;
        }
        for (int position = 0; position < last; position++) {
            byte[] key = keys.get(position);
            header(out, GETQ, key, 0, 0, (opaque + 1 + position) & 0x7fff_ffff, 0);
            out.writeBytes(key);
        }
        byte[] key = keys.get(last);
        header(out, GET, key, 0, 0, opaque, 0);
        out.writeBytes(key);
    }

    /** A multi-get numbers its keys with the opaques after its own. */
    @Override
    public int opaquesUsedBy(Operation<?> op) {
        return op instanceof MultiGetOperation<?, ?> multi ? 1 + multi.keys().size() : 1;
    }

    @Override
    public void encode(Operation<?> op, ByteBuf out) {
        int opaque = op.opaque();
        switch (op.kind()) {
            case GET:
            case GETS:
                header(out, GET, key(op), 0, 0, opaque, 0);
                out.writeBytes(key(op));
                break;
            case GAT:
            case GATS:
                header(out, GAT, key(op), 4, 0, opaque, 0);
                out.writeInt(((GetOperation<?, ?>) op).exptime());
                out.writeBytes(key(op));
                break;
            case MULTI_GET:
            case MULTI_GETS:
                encodeMultiGet(((MultiGetOperation<?, ?>) op).keys(), opaque, out);
                break;
            case SET:
            case ADD:
            case REPLACE:
            case CAS:
            case APPEND:
            case PREPEND:
                encodeStore((StoreOperation<?>) op, out);
                break;
            case DELETE: {
                DeleteOperation<?> d = (DeleteOperation<?>) op;
                header(out, quietIf(op, DELETE), d.key(), 0, 0, opaque, d.cas());
                out.writeBytes(d.key());
                break;
            }
            case INCR:
            case DECR: {
                ArithmeticOperation a = (ArithmeticOperation) op;
                byte opcode = quietIf(op, op.kind() == OpKind.INCR ? INCREMENT : DECREMENT);
                header(out, opcode, a.key(), 20, 0, opaque, 0);
                out.writeLong(a.delta());
                out.writeLong(a.initial());
                out.writeInt(a.exptime());
                out.writeBytes(a.key());
                break;
            }
            case TOUCH: {
                TouchOperation t = (TouchOperation) op;
                header(out, TOUCH, t.key(), 4, 0, opaque, 0);
                out.writeInt(t.exptime());
                out.writeBytes(t.key());
                break;
            }
            case FLUSH_ALL:
                header(out, quietIf(op, FLUSH), null, 4, 0, opaque, 0);
                out.writeInt(((ServerOperation<?>) op).number());
                break;
            case NOOP:
                header(out, NOOP, null, 0, 0, opaque, 0);
                break;
            case VERSION:
                header(out, VERSION, null, 0, 0, opaque, 0);
                break;
            case STATS: {
                byte[] group = ((ServerOperation<?>) op).argument().getBytes(StandardCharsets.US_ASCII);
                header(out, STAT, group, 0, 0, opaque, 0);
                out.writeBytes(group);
                break;
            }
            case VERBOSITY:
                header(out, VERBOSITY, null, 4, 0, opaque, 0);
                out.writeInt(((ServerOperation<?>) op).number());
                break;
            case SASL_PLAIN: {
                AuthOperation auth = (AuthOperation) op;
                byte[] mechanism = "PLAIN".getBytes(StandardCharsets.US_ASCII);
                byte[] user = auth.username().getBytes(StandardCharsets.UTF_8);
                byte[] pass = auth.password().getBytes(StandardCharsets.UTF_8);
                header(out, SASL_AUTH, mechanism, 0, 2 + user.length + pass.length, opaque, 0);
                out.writeBytes(mechanism);
                out.writeByte(0);
                out.writeBytes(user);
                out.writeByte(0);
                out.writeBytes(pass);
                break;
            }
            default:
                throw new IllegalArgumentException(op.kind() + " has no binary protocol form");
        }
    }

    private static void encodeStore(StoreOperation<?> s, ByteBuf out) {
        byte opcode;
        boolean withExtras = true;
        switch (s.kind()) {
            case ADD:
                opcode = ADD;
                break;
            case REPLACE:
                opcode = REPLACE;
                break;
            case APPEND:
                opcode = APPEND;
                withExtras = false;
                break;
            case PREPEND:
                opcode = PREPEND;
                withExtras = false;
                break;
            default: // SET and CAS (a set carrying the CAS unique)
                opcode = SET;
                break;
        }
        byte[] value = s.value().data();
        header(out, quietIf(s, opcode), s.key(), withExtras ? 8 : 0, value.length, s.opaque(), s.cas());
        if (withExtras) {
            out.writeInt(s.value().flags());
            out.writeInt(s.exptime());
        }
        out.writeBytes(s.key());
        out.writeBytes(value);
    }

    private static byte quietIf(Operation<?> op, byte opcode) {
        return op.noreply() ? BinaryOpcodes.quiet(opcode) : opcode;
    }

    private static byte[] key(Operation<?> op) {
        return ((KeyedOperation<?>) op).key();
    }

    private static void header(ByteBuf out, byte opcode, byte[] key, int extrasLength, int valueLength, int opaque,
            long cas) {
        int keyLength = key == null ? 0 : key.length;
        out.ensureWritable(BinaryOpcodes.HEADER_LENGTH + extrasLength + keyLength + valueLength);
        out.writeByte(BinaryOpcodes.REQUEST_MAGIC);
        out.writeByte(opcode);
        out.writeShort(keyLength);
        out.writeByte(extrasLength);
        out.writeByte(0);
        out.writeShort(0);
        out.writeInt(extrasLength + keyLength + valueLength);
        out.writeInt(opaque);
        out.writeLong(cas);
    }
}
