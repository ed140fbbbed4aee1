package io.github.ucontact;

import com.sun.jna.Pointer;
import java.util.Arrays;
import java.util.Objects;

/** The part of a login shared by {@link UContact} and {@link UContactClient}. */
final class Login {
    /** One native login function, with the domain or the client already bound. */
    interface Call {
        int run(NativeApi api, byte[] user, Pointer password, byte[] outBuf, NativeApi.SizeT len);
    }

    private Login() {
    }

    /**
     * Runs {@code call} with {@code user} and {@code password} as C strings and returns the
     * token, or throws the exception for the code it returned. The password's byte copies are
     * wiped whatever happens.
     */
    static String token(Call call, String user, char[] password) {
        byte[] cUser = CStrings.toC(user, "user");
        Objects.requireNonNull(password, "password");
        NativeApi api = NativeLoader.api();
        byte[] out = new byte[NativeApi.TOKEN_BUFFER_SIZE];
        try (CStrings.Secret secret = CStrings.secret(password)) {
            int code = call.run(api, cUser, secret.pointer(), out, new NativeApi.SizeT(out.length));
            if (code != NativeApi.OK) {
                throw Failures.fromCode(api, code);
            }
            return CStrings.fromC(out);
        } finally {
            Arrays.fill(out, (byte) 0);
        }
    }

    /** {@link #token} for a password held in a {@code String}; the char copy is wiped. */
    static String token(Call call, String user, String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        char[] chars = password.toCharArray();
        try {
            return token(call, user, chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }
}
