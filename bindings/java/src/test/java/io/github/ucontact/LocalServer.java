package io.github.ucontact;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The repository's local uContact server ({@code $UCONTACT_SERVER_BIN}), started with
 * {@code --exit-with-stdin} so that it ends with the test JVM even when a run is aborted.
 */
final class LocalServer implements AutoCloseable {
    /** The session id in every default token: base64("NAME:" + SESSION). */
    static final String SESSION = "0b6f2c9e-4d1a-4f7e-9c3b-5a8d7e6f1a20";
    static final String DEMO_TOKEN = "ZGVtbzowYjZmMmM5ZS00ZDFhLTRmN2UtOWMzYi01YThkN2U2ZjFhMjA=";

    private final Process process;
    private final OutputStream stdin;
    private final File log;
    final String url;
    final int port;
    final Path caFile;

    private LocalServer(Process process, File log, JsonObject ready) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.log = log;
        this.url = ready.get("url").getAsString();
        this.port = ready.get("port").getAsInt();
        this.caFile = ready.get("ca_file").isJsonNull() ? null
                : Paths.get(ready.get("ca_file").getAsString());
    }

    /** Starts the server with {@code args} and waits for its ready line. */
    static LocalServer start(String... args) throws IOException {
        for (String arg : args) {
            if (!isAscii(arg) && !StandardCharsets.UTF_8.equals(Charset.forName(
                    System.getProperty("sun.jnu.encoding", "UTF-8")))) {
                throw new IllegalStateException("a non-ASCII server argument needs a UTF-8 locale"
                        + " (the pom sets LC_ALL=C.UTF-8 for the tests); sun.jnu.encoding is "
                        + System.getProperty("sun.jnu.encoding"));
            }
        }
        List<String> command = new ArrayList<>();
        command.add(serverBinary().toString());
        command.add("--exit-with-stdin");
        command.addAll(Arrays.asList(args));
        File log = File.createTempFile("ucontact-server", ".log");
        log.deleteOnExit();
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.to(log))
                .start();
        BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null) {
            process.destroyForcibly();
            throw new IllegalStateException("the local server did not start: "
                    + new String(Files.readAllBytes(log.toPath()), StandardCharsets.UTF_8));
        }
        return new LocalServer(process, log, JsonParser.parseString(line).getAsJsonObject());
    }

    static Path serverBinary() {
        String fromEnv = System.getenv("UCONTACT_SERVER_BIN");
        Path binary = fromEnv != null && !fromEnv.isEmpty() ? Paths.get(fromEnv)
                : Paths.get(System.getProperty("basedir", "."), "../../target/release/ucontact-server");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("the local server " + binary + " is missing: run "
                    + "`make -C ../.. build` or set UCONTACT_SERVER_BIN");
        }
        return binary;
    }

    /** The token the server gives {@code user} unless told otherwise. */
    static String tokenOf(String user) {
        return Base64.getEncoder().encodeToString(
                (user + ":" + SESSION).getBytes(StandardCharsets.UTF_8));
    }

    /** A loopback port with nothing listening on it (free at the time of the call). */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Every request the server received so far, as it decoded them (plain-HTTP servers only). */
    JsonArray requests() throws IOException {
        HttpURLConnection connection =
                (HttpURLConnection) new URL(url + "/__ucontact/requests").openConnection();
        try (InputStream in = connection.getInputStream()) {
            byte[] body = readAll(in);
            return JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonArray();
        } finally {
            connection.disconnect();
        }
    }

    /** The last request's decoded form field {@code name}. */
    String lastField(String name) throws IOException {
        JsonArray all = requests();
        if (all.size() == 0) {
            throw new AssertionError("the server received no request");
        }
        JsonObject last = all.get(all.size() - 1).getAsJsonObject();
        return last.getAsJsonObject("fields").get(name).getAsString();
    }

    @Override
    public void close() throws IOException {
        stdin.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        log.delete();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    static byte[] readAll(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) > 0) {
            all.write(chunk, 0, n);
        }
        return all.toByteArray();
    }
}
