package io.github.ucontact;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Conversions between Java text and the C library's NUL-terminated UTF-8, independent of
 * the platform's default encoding. Nothing is ever replaced: a NUL character (which C would
 * read as the end of the string) is refused here, and an unpaired surrogate, which UTF-8
 * has no form for, is passed on as its three-byte form. No UTF-8 decoder accepts those
 * bytes, so the library refuses them with {@code UCONTACT_ERR_INVALID_UTF8} and records
 * that code, as for any other failure.
 */
final class CStrings {
    /**
     * UTF-8 needs at most 3 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units; an
     * unpaired surrogate: 3).
     */
    private static final int MAX_BYTES_PER_CHAR = 3;

    private CStrings() {
    }

    /**
     * {@code value} as NUL-terminated UTF-8.
     *
     * @param name the argument's name, for the messages
     * @throws NullPointerException when {@code value} is null, with {@code name} as message
     * @throws InvalidArgumentException for a NUL character
     */
    static byte[] toC(String value, String name) {
        Objects.requireNonNull(value, name);
        char[] chars = value.toCharArray();
        ByteBuffer utf8 = encode(chars, name);
        byte[] c = new byte[utf8.remaining() + 1];
        utf8.get(c, 0, c.length - 1);
        return c;
    }

    /**
     * {@code password} as NUL-terminated UTF-8 in native memory, which {@link Secret#close()}
     * overwrites with zeros. The one Java-heap copy made on the way is wiped before this
     * returns. The native memory is used instead of a {@code byte[]} argument because JNA
     * copies such an array into memory of its own that nobody wipes.
     *
     * @throws NullPointerException when {@code password} is null
     * @throws InvalidArgumentException for a NUL character
     */
    static Secret secret(char[] password) {
        Objects.requireNonNull(password, "password");
        ByteBuffer utf8 = encode(password, "password");
        try {
            int length = utf8.remaining();
            Memory memory = new Memory(length + 1L);
            memory.write(0, utf8.array(), utf8.position(), length);
            memory.setByte(length, (byte) 0);
            return new Secret(memory);
        } finally {
            Arrays.fill(utf8.array(), (byte) 0);
        }
    }

    /** The text before the first NUL of {@code buf}, decoded as UTF-8. */
    static String fromC(byte[] buf) {
        int length = 0;
        while (length < buf.length && buf[length] != 0) {
            length++;
        }
        return new String(buf, 0, length, StandardCharsets.UTF_8);
    }

    /** The NUL-terminated UTF-8 text at {@code p}, which must not be null. */
    static String fromC(Pointer p) {
        long length = p.indexOf(0, (byte) 0);
        return new String(p.getByteArray(0, (int) length), StandardCharsets.UTF_8);
    }

    /** Encodes into one buffer of the largest size needed, so no partial copy is left behind. */
    private static ByteBuffer encode(char[] chars, String name) {
        for (char c : chars) {
            if (c == '\0') {
                throw Failures.invalid(UContactErrorCode.INVALID_ARGUMENT,
                        name + " contains a NUL character");
            }
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer in = CharBuffer.wrap(chars);
        ByteBuffer out = ByteBuffer.allocate(chars.length * MAX_BYTES_PER_CHAR);
        CoderResult result = encoder.encode(in, out, true);
        while (result.isMalformed()) {
            for (int i = 0; i < result.length(); i++) {
                putSurrogate(in.get(), out);
            }
            result = encoder.encode(in, out, true);
        }
        encoder.flush(out);
        out.flip();
        return out;
    }

    /** The three bytes that a UTF-8 encoder would give {@code surrogate} if it were a character. */
    private static void putSurrogate(char surrogate, ByteBuffer out) {
        out.put((byte) (0xE0 | (surrogate >> 12)));
        out.put((byte) (0x80 | ((surrogate >> 6) & 0x3F)));
        out.put((byte) (0x80 | (surrogate & 0x3F)));
    }

    /** A password in native memory; {@link #close()} zeroes and frees it. */
    static final class Secret implements AutoCloseable {
        private final Memory memory;

        private Secret(Memory memory) {
            this.memory = memory;
        }

        Pointer pointer() {
            return memory;
        }

        @Override
        public void close() {
            memory.clear();
            memory.close();
        }
    }
}
