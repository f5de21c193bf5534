package net.sigsrv.infra.guard;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Puts {@link Redactor} on the process's output paths: {@link #wrap} for the streams a command prints to,
 * {@link #installProcessWide} for {@code System.out} and {@code System.err} (stray prints, uncaught exceptions,
 * java.util.logging's console output of libraries such as OkHttp), {@link #redacting} for any other log handler. There is deliberately no switch to turn it off.
 */
public final class Redaction {

    private Redaction() {
    }

    /** A print stream whose bytes pass through a {@link RedactingOutputStream}. */
    static final class RedactingPrintStream extends PrintStream {
        private final java.io.OutputStream target;

        RedactingPrintStream(java.io.OutputStream target, Charset charset) {
            super(new RedactingOutputStream(target), true, charset);
            this.target = target;
        }

        java.io.OutputStream target() {
            return target;
        }

        void finish() {
            flush();
            try {
                ((RedactingOutputStream) out).finish();
            } catch (java.io.IOException e) {
                setError();
            }
        }
    }

    /**
     * Writes out a last line that has no line end yet (masked as a whole), without closing the stream: what a
     * command printed is all visible when it returns.
     */
    public static void finish(PrintStream stream) {
        if (stream instanceof RedactingPrintStream r) {
            r.finish();
        } else {
            stream.flush();
        }
    }

    /**
     * The stream under the redaction layer: for the tool's own help texts, which name secrets without holding any
     * ({@code --token=TOKEN}) and must print as written. What is pending in {@code stream} is written first.
     * Nothing that comes from a user, a file or a daemon may be written to it.
     */
    public static PrintStream verbatim(PrintStream stream) {
        if (stream instanceof RedactingPrintStream r) {
            r.flush();
            return new PrintStream(r.target(), true, r.charset());
        }
        return stream;
    }

    /** {@code stream} behind the redaction layer (itself when it already is), autoflushing, in its charset. */
    public static PrintStream wrap(PrintStream stream) {
        return stream instanceof RedactingPrintStream ? stream : new RedactingPrintStream(stream, stream.charset());
    }

    /**
     * Redacts {@code System.out} and {@code System.err}. Called first thing in {@code main}: java.util.logging's
     * console handler, made later on first use, then writes to the redacted {@code System.err}, so library logs are
     * masked too without initialising logging at start-up.
     */
    public static void installProcessWide() {
        System.setOut(new RedactingPrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)),
                System.out.charset()));
        System.setErr(new RedactingPrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.err)),
                System.err.charset()));
    }

    /** A log formatter that masks what {@code inner} formats (message, parameters and stack traces alike). */
    public static Formatter redacting(Formatter inner) {
        return new Formatter() {
            @Override
            public String format(LogRecord record) {
                return Redactor.redact(inner.format(record));
            }
        };
    }
}
