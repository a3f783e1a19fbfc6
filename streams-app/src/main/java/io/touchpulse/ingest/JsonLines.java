package io.touchpulse.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads stdin line by line as bytes, for {@code ingest}: a line that is not valid UTF-8 or longer than a
 * record may be is reported with the problem instead of being silently repaired (a Reader replaces bad
 * bytes with U+FFFD) or read whole into memory. Memory stays bounded by the limit: the rest of an
 * over-long line is skipped, only its length counted. LF and CRLF line ends.
 */
public final class JsonLines {
    /** One line: its number, the bytes kept (all of them, or the first {@code limit}), its full length, and its text if usable. */
    public record Line(long number, byte[] bytes, long length, String text, String problem) {
    }

    private final InputStream in;
    private final int limit;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private long number;
    private boolean eof;

    public JsonLines(InputStream in, int limitBytes) {
        this.in = in.markSupported() ? in : new java.io.BufferedInputStream(in, 64 * 1024);
        this.limit = limitBytes;
    }

    /** The next line, or null at the end of input. */
    public Line next() throws IOException {
        if (eof) {
            return null;
        }
        byte[] buf = new byte[256];
        int kept = 0;
        long length = 0;
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (kept < limit) {
                if (kept == buf.length) {
                    buf = Arrays.copyOf(buf, Math.min(limit, buf.length * 2));
                }
                buf[kept++] = (byte) b;
            }
            length++;
        }
        if (b == -1) {
            eof = true;
            if (length == 0) {
                return null;
            }
        }
        number++;
        if (kept > 0 && kept == length && buf[kept - 1] == '\r') {
            kept--;
            length--;
        }
        byte[] bytes = Arrays.copyOf(buf, kept);
        if (length > limit) {
            return new Line(number, bytes, length, null, "line is " + length + " bytes long, more than the " + limit
                    + " a record may have (producer max.request.size)");
        }
        try {
            return new Line(number, bytes, length, utf8.decode(ByteBuffer.wrap(bytes)).toString(), null);
        } catch (CharacterCodingException e) {
            return new Line(number, bytes, length, null, "not valid UTF-8 at byte " + (firstBadByte(bytes) + 1));
        }
    }

    private int firstBadByte(byte[] bytes) {
        ByteBuffer bb = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        utf8.reset();
        utf8.decode(bb, out, true);
        return bb.position();
    }
}
