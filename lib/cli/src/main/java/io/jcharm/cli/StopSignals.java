package io.jcharm.cli;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While a command works on the local model, SIGINT (Ctrl-C) and SIGTERM stop that work instead
 * of ending the JVM at once: the model kills its running hooks, marks them failed, saves what was
 * committed, and the command exits 130. Closing puts the previous handlers back.
 *
 * <pre>{@code
 * try (StopSignals s = StopSignals.install(model::interrupt)) {
 *     model.settle(progress);
 * }
 * }</pre>
 */
final class StopSignals implements AutoCloseable {
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private StopSignals() {
    }

    /** Routes SIGINT and SIGTERM to {@code stop} (on the JVM's signal thread) until closed. */
    static StopSignals install(Runnable stop) {
        StopSignals s = new StopSignals();
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal signal = new Signal(name);
                s.previous.add(Signal.handle(signal, sig -> stop.run()));
                s.signals.add(signal);
            } catch (IllegalArgumentException e) {
                // The JVM was started with -Xrs, or the platform has no such signal: its default stays.
            }
        }
        return s;
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
