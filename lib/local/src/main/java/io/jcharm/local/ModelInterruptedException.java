package io.jcharm.local;

/**
 * A command was stopped (SIGINT/SIGTERM, or {@link LocalModel#interrupt}) while hooks ran: the
 * running hooks were killed and marked failed, to run again on the next command; everything
 * committed before is saved.
 *
 * <pre>{@code
 * try { model.settle(progress); } catch (ModelInterruptedException e) { System.exit(130); }
 * }</pre>
 */
public final class ModelInterruptedException extends LocalModelException {
    private static final long serialVersionUID = 1L;

    ModelInterruptedException(int hooksFinished) {
        super("interrupted: the running hooks were stopped and marked failed (" + hooksFinished
                + " hook(s) finished before); what they committed before is saved",
                "run the command again (or jcharm resolve <unit>): the interrupted hooks run again first");
    }
}
