package io.github.ucontact;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Runs {@link ChildMain} in a JVM of its own, with the test class path. */
final class ForkedJvm {
    final int exitCode;
    final String stdout;
    final String stderr;

    private ForkedJvm(int exitCode, String stdout, String stderr) {
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * @param jvmOptions options before the main class, such as {@code -Dfile.encoding=...}
     * @param environment changes to the inherited environment; a null value removes the name
     */
    static ForkedJvm run(List<String> jvmOptions, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return run(testClassPath(), jvmOptions, environment, args);
    }

    /**
     * {@link #run} with a class path on which the binding's classes are, but not the native
     * library that the build bundles beside them.
     */
    static ForkedJvm runWithoutBundledLibrary(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Path classes;
        try {
            classes = Paths.get(UContact.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        Path copy = Files.createTempDirectory("ucontact-classes");
        try {
            copyClasses(classes, copy);
            List<String> entries = new ArrayList<>();
            entries.add(copy.toString());
            for (String entry : testClassPath().split(File.pathSeparator)) {
                if (!Paths.get(entry).toAbsolutePath().equals(classes.toAbsolutePath())) {
                    entries.add(entry);
                }
            }
            return run(String.join(File.pathSeparator, entries),
                    Collections.<String>emptyList(), environment, args);
        } finally {
            deleteTree(copy);
        }
    }

    private static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static void copyClasses(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.toString().endsWith(".class")) {
                    Path target = to.resolve(from.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> all = files.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
            for (Path file : all) {
                Files.delete(file);
            }
        }
    }

    private static ForkedJvm run(String classPath, List<String> jvmOptions,
            Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(ChildMain.class.getName());
        command.addAll(Arrays.asList(args));

        File out = File.createTempFile("ucontact-child", ".out");
        File err = File.createTempFile("ucontact-child", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out)
                    .redirectError(err)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            for (Map.Entry<String, String> change : environment.entrySet()) {
                if (change.getValue() == null) {
                    builder.environment().remove(change.getKey());
                } else {
                    builder.environment().put(change.getKey(), change.getValue());
                }
            }
            Process process = builder.start();
            // A guard against a hung child, not a speed check.
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the child JVM did not end: " + command);
            }
            return new ForkedJvm(process.exitValue(),
                    new String(Files.readAllBytes(out.toPath()), StandardCharsets.UTF_8),
                    new String(Files.readAllBytes(err.toPath()), StandardCharsets.UTF_8));
        } finally {
            out.delete();
            err.delete();
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
}
