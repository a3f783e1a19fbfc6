package io.touchpulse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code touchpulse.jar}: picocli dispatches to one command per job. */
@Command(name = "touchpulse", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Streaming customer-sentiment and touchpoint monitor on Kafka Streams.",
        subcommands = {DemoCommand.class, RunCommand.class, SimulateCommand.class, IngestCommand.class, SentimentCommand.class, DetectCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        // Avro 1.12 only instantiates trusted classes; builders of our schema classes run before any serde loads
        if (System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") == null) {
            System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.touchpulse.schema");
        }
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getColorScheme().errorText("error: " + message(e)));
            return 1;
        });
        return cl;
    }

    static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"touchpulse " + (v == null ? "dev" : v)};
        }
    }
}
