import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The JDK's java.net.http.HttpClient, as an integrator would use it: one client with its
 * defaults (HTTP/2 preferred, the JVM's trust store, which the harness points at the
 * system's roots plus the test CA with -Djavax.net.ssl.trustStore), shared by the threads.
 * Arguments: those of {@link BenchLoop}.
 */
public final class HttpClientBench {
    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI login = URI.create(args[1] + BenchLoop.PATH);
        String expected = "\"" + BenchLoop.TOKEN + "\"";
        BenchLoop.Caller call = () -> {
            HttpRequest request = HttpRequest.newBuilder(login)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "user=" + BenchLoop.USER + "&password=" + BenchLoop.PASSWORD))
                    .build();
            HttpResponse<String> reply = client.send(request, HttpResponse.BodyHandlers.ofString());
            return reply.statusCode() == 200 && expected.equals(reply.body());
        };
        BenchLoop.run(args, thread -> call);
    }
}
