package io.jcharm.pebble.emulator;

/** An error answer: HTTP status, Pebble's message and optional kind; {@link Api} turns it into an error envelope. */
final class ApiError extends RuntimeException {
    final int status;
    final String kind;

    ApiError(int status, String message, String kind) {
        super(message, null, false, false);
        this.status = status;
        this.kind = kind;
    }

    static ApiError badRequest(String format, Object... args) {
        return new ApiError(400, String.format(format, args), null);
    }

    static ApiError notFound(String format, Object... args) {
        return new ApiError(404, String.format(format, args), null);
    }
}
