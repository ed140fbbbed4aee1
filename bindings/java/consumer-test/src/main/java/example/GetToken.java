package example;

import io.github.ucontact.AuthRejectedException;
import io.github.ucontact.UContact;
import io.github.ucontact.UContactException;

/**
 * Prints the token of a uContact user: {@code java example.GetToken DOMAIN USER}, with the
 * password in the environment variable {@code UCONTACT_PASSWORD}.
 */
public final class GetToken {
    private GetToken() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || System.getenv("UCONTACT_PASSWORD") == null) {
            System.err.println("usage: UCONTACT_PASSWORD=... java example.GetToken DOMAIN USER");
            System.exit(2);
        }
        char[] password = System.getenv("UCONTACT_PASSWORD").toCharArray();
        try {
            System.out.println(UContact.getUserToken(args[0], args[1], password));
        } catch (AuthRejectedException e) {
            System.err.println("login refused: " + e.getMessage());
            System.exit(1);
        } catch (UContactException e) {
            System.err.println("login failed (" + e.getCode() + "): " + e.getMessage());
            System.exit(1);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }
}
