import io.github.ucontact.UContactClient;
import java.nio.file.Paths;

/**
 * ucontact's Java binding: one UContactClient trusting CA_FILE on top of the system's
 * roots, shared by the threads. Arguments: those of {@link BenchLoop}.
 */
public final class UContactBench {
    public static void main(String[] args) throws Exception {
        UContactClient client = UContactClient.builder(args[1]).caFile(Paths.get(args[2])).build();
        BenchLoop.Caller call = () -> BenchLoop.TOKEN.equals(
                client.getUserToken(BenchLoop.USER, BenchLoop.PASSWORD));
        BenchLoop.run(args, thread -> call);
    }
}
