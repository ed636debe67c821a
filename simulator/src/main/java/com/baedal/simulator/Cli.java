package com.baedal.simulator;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/** The front door the simulator's commands (bench, chaos) share: --help, and a bad argument answered with the usage. */
public final class Cli {

    private Cli() {
    }

    /**
     * The arguments parsed, or empty once the usage is printed for {@code --help}/{@code -h}. A parser's
     * {@link IllegalArgumentException} ends the process with its message, the usage and exit code 2.
     */
    public static <T> Optional<T> parse(String[] args, String usage, Function<String[], T> parser) {
        // the simulator logs through slf4j-simple (the bench baseline's in-process engine too): warnings only
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(usage);
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(usage);
            System.exit(2);
            return Optional.empty();
        }
    }
}
