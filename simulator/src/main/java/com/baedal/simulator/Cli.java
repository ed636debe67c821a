package com.baedal.simulator;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
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

    /**
     * Reads a command line of flags and {@code --name value} options, left to right. {@code convert} turns an
     * option's value into what the command keeps (or throws {@link IllegalArgumentException}, e.g.
     * {@link #unknownOption}); it sees every value, so a bad one is refused even where a later one overrides it.
     */
    public static Arguments arguments(String[] args, Set<String> flags, BiFunction<String, String, Object> convert) {
        Map<String, Object> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (flags.contains(arg)) {
                given.put(arg, true);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + arg);
            }
            given.put(arg, convert.apply(arg, args[++i]));
        }
        return new Arguments(given);
    }

    public static IllegalArgumentException unknownOption(String name) {
        return new IllegalArgumentException("unknown option " + name);
    }

    /** What a command line gave: each option's last value as converted, and the flags it set (as {@code true}). */
    public record Arguments(Map<String, Object> given) {

        public boolean has(String flag) {
            return given.containsKey(flag);
        }

        /**
         * The option's converted value, or {@code otherwise} where the command line did not give it. A value
         * converted to null (e.g. "none") stays null.
         */
        @SuppressWarnings("unchecked")
        public <T> T valueOr(String option, T otherwise) {
            return given.containsKey(option) ? (T) given.get(option) : otherwise;
        }
    }
}
