package dev.tracer.store;

import java.util.List;

import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

/**
 * Zipkin v2 spans in protocol buffers ({@code zipkin.proto3.ListOfSpans}), the other format of
 * {@code POST /api/v2/spans}: what a reporter set to {@code PROTO3} sends, read with Zipkin's own codec.
 * Cheaper than JSON at both ends, so the demo services report this way.
 */
public final class ZipkinProto3 {

	private ZipkinProto3() {
	}

	/**
	 * Reads a list of spans.
	 *
	 * @param proto3 a serialized {@code ListOfSpans}, never null; zero bytes are the empty list, as in
	 * protocol buffers
	 * @return the spans, in message order
	 * @throws IllegalArgumentException if the bytes are not a list of valid spans; the message says why
	 */
	public static List<Span> decode(byte[] proto3) {
		if (proto3 == null) {
			throw new NullPointerException("proto3 == null");
		}
		try {
			return SpanBytesDecoder.PROTO3.decodeList(proto3);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("invalid Zipkin v2 protocol buffers (expected a ListOfSpans): "
					+ ex.getMessage(), ex);
		}
	}

}
