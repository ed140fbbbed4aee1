package io.github.ucontact;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The program of {@link ForkedJvm}. Its output is ASCII, so that it reads the same whatever
 * the child's encoding; the user and password arrive as hex of their UTF-8 bytes for the
 * same reason.
 *
 * <ul>
 *   <li>{@code version}: prints {@code version=...}
 *   <li>{@code login DOMAIN USER_HEX PASSWORD_HEX}: prints {@code charset=...} and
 *       {@code token=...}
 *   <li>{@code client-login DOMAIN CA_FILE proxy|no-proxy}: logs in as demo through a
 *       {@link UContactClient} trusting CA_FILE, with {@code noProxy()} or the environment's
 *       proxy; prints {@code token=...}
 * </ul>
 * A load failure prints {@code link-error=MESSAGE} and exits 4; a ucontact failure prints
 * {@code error=CODE} and exits 3.
 */
public final class ChildMain {
    private ChildMain() {
    }

    public static void main(String[] args) {
        try {
            if (args[0].equals("version")) {
                System.out.println("version=" + UContact.version());
            } else if (args[0].equals("login")) {
                System.out.println("charset=" + Charset.defaultCharset().name());
                String user = new String(unhex(args[2]), StandardCharsets.UTF_8);
                String password = new String(unhex(args[3]), StandardCharsets.UTF_8);
                System.out.println("token=" + UContact.getUserToken(args[1], user, password.toCharArray()));
            } else if (args[0].equals("client-login")) {
                UContactClient.Builder builder = UContactClient.builder(args[1])
                        .caFile(java.nio.file.Paths.get(args[2]));
                if (args[3].equals("no-proxy")) {
                    builder.noProxy();
                }
                try (UContactClient client = builder.build()) {
                    System.out.println("token=" + client.getUserToken("demo", "demo-password"));
                }
            } else {
                throw new IllegalArgumentException("unknown mode " + args[0]);
            }
        } catch (UnsatisfiedLinkError e) {
            System.out.println("link-error=" + e.getMessage());
            System.exit(4);
        } catch (UContactException e) {
            System.out.println("error=" + e.getCode().getCName());
            System.exit(3);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%02x", b & 0xff));
        }
        return s.toString();
    }

    private static byte[] unhex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
