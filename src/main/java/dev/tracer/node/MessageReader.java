package dev.tracer.node;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts the node's input into messages. One message per line is the protocol, but a person may
 * pretty-print a message over several lines, so a message ends where its outermost bracket closes:
 *
 * <pre>
 * {"src": "c1", "dest": "n1", "body": {"type": "init", ...}}     one line, one message
 * {                                                              several lines, one message
 *   "type": "parse_traceparent", ...
 * }
 * hello                                                          not JSON: the rest of the line is one (bad) frame
 * </pre>
 *
 * Recovery rules, so that one broken message never swallows the good ones after it:
 * <ul>
 * <li>a raw line break inside a string is illegal JSON: the frame ends there;</li>
 * <li>a line that starts with <code>{</code> in column 0 while a frame is still open starts a new frame
 * (the open one was truncated);</li>
 * <li>text outside any bracket runs to the end of its line;</li>
 * <li>a frame longer than the limit is skipped to its end and reported as {@link Frame#tooLarge()}, so
 * memory stays bounded.</li>
 * </ul>
 * Before every read that may block, {@code beforeBlockingRead} runs: the node flushes its replies there,
 * so it never waits for input while holding back an answer.
 */
final class MessageReader {

	/** A cut-out message: its bytes are valid until the next call to {@link MessageReader#next()}. */
	record Frame(byte[] bytes, int length, boolean tooLarge) {
	}

	private final InputStream in;

	private final Runnable beforeBlockingRead;

	private final int maxFrameBytes;

	private final byte[] input = new byte[64 * 1024];

	private int inputPos;

	private int inputEnd;

	private boolean eof;

	private byte[] frame = new byte[8 * 1024];

	private int frameLength;

	private boolean overflow;

	MessageReader(InputStream in, int maxFrameBytes, Runnable beforeBlockingRead) {
		this.in = in;
		this.maxFrameBytes = maxFrameBytes;
		this.beforeBlockingRead = beforeBlockingRead;
	}

	/** The next frame, or {@code null} at the end of the input. */
	Frame next() throws IOException {
		if (!skipWhitespace()) {
			return null;
		}
		if (frame.length > 1024 * 1024) {
			// one huge message should not pin its buffer for the rest of the process
			frame = new byte[8 * 1024];
		}
		frameLength = 0;
		overflow = false;
		byte first = input[inputPos];
		return (first == '{' || first == '[') ? container() : restOfLine();
	}

	/** A JSON object or array, up to its closing bracket; scanned in place, copied a run at a time. */
	private Frame container() throws IOException {
		int depth = 0;
		boolean inString = false;
		boolean escaped = false;
		boolean lineStart = false;
		while (inputPos < inputEnd || fill()) {
			int runStart = inputPos;
			while (inputPos < inputEnd) {
				byte b = input[inputPos];
				if (inString) {
					inputPos++;
					if (escaped) {
						escaped = false;
					}
					else if (b == '\\') {
						escaped = true;
					}
					else if (b == '"') {
						inString = false;
					}
					else if (b == '\n') {
						return done(runStart);
					}
					continue;
				}
				if (lineStart && b == '{') {
					return done(runStart);
				}
				lineStart = false;
				inputPos++;
				if (b == '"') {
					inString = true;
				}
				else if (b == '{' || b == '[') {
					depth++;
				}
				else if ((b == '}' || b == ']') && --depth == 0) {
					return done(runStart);
				}
				else if (b == '\n') {
					lineStart = true;
				}
			}
			append(runStart);
		}
		return done(inputPos);
	}

	/** Text that is not a JSON container: the rest of its line is one frame, which the parser rejects. */
	private Frame restOfLine() throws IOException {
		while (inputPos < inputEnd || fill()) {
			int runStart = inputPos;
			while (inputPos < inputEnd) {
				if (input[inputPos++] == '\n') {
					return done(runStart);
				}
			}
			append(runStart);
		}
		return done(inputPos);
	}

	private Frame done(int runStart) {
		append(runStart);
		return new Frame(frame, overflow ? 0 : frameLength, overflow);
	}

	/** Copies input[runStart..inputPos) into the frame, or marks the frame too large. */
	private void append(int runStart) {
		int length = inputPos - runStart;
		if (overflow || length == 0) {
			return;
		}
		if (length > maxFrameBytes - frameLength) {
			overflow = true;
			return;
		}
		if (frameLength + length > frame.length) {
			frame = Arrays.copyOf(frame, (int) Math.min(maxFrameBytes, Math.max(frameLength + length, 2L * frame.length)));
		}
		System.arraycopy(input, runStart, frame, frameLength, length);
		frameLength += length;
	}

	/** Moves to the next byte that is not white space; false at the end of the input. */
	private boolean skipWhitespace() throws IOException {
		while (inputPos < inputEnd || fill()) {
			byte b = input[inputPos];
			if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
				return true;
			}
			inputPos++;
		}
		return false;
	}

	private boolean fill() throws IOException {
		if (eof) {
			return false;
		}
		if (in.available() <= 0) {
			beforeBlockingRead.run();
		}
		int n = in.read(input, 0, input.length);
		if (n <= 0) {
			eof = true;
			return false;
		}
		inputPos = 0;
		inputEnd = n;
		return true;
	}

}
