package dev.tracer.intake;

import java.util.List;
import java.util.function.Function;

import zipkin2.Span;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.tracer.core.context.TraceId;
import dev.tracer.core.tree.SpanTimes;
import dev.tracer.problem.ApiProblem;
import dev.tracer.store.SpanStore;
import dev.tracer.store.ZipkinJson;
import dev.tracer.store.ZipkinProto3;

/**
 * The part of Zipkin's v2 HTTP API that a Zipkin reporter and a Zipkin client use, backed by the span
 * store: any service can report here instead of to a Zipkin server, and tools that read Zipkin can read
 * tracer.
 */
@RestController
class ZipkinApiController {

	static final String PROTOBUF = "application/x-protobuf";

	private final SpanStore store;

	private final long maxBodyBytes;

	ZipkinApiController(SpanStore store, WebProperties properties) {
		this.store = store;
		this.maxBodyBytes = properties.maxBodySize().toBytes();
	}

	/** A Zipkin reporter's JSON: a list of v2 spans, possibly gzip-compressed. */
	@PostMapping(path = "/api/v2/spans", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> acceptJson(@RequestBody byte[] body,
			@RequestHeader(name = HttpHeaders.CONTENT_ENCODING, required = false) String encoding) {
		return accept(body, encoding, ZipkinJson::decode);
	}

	/** A Zipkin reporter's protocol buffers ({@code PROTO3}), as a Zipkin server takes them. */
	@PostMapping(path = "/api/v2/spans", consumes = PROTOBUF)
	ResponseEntity<Void> acceptProto3(@RequestBody(required = false) byte[] body,
			@RequestHeader(name = HttpHeaders.CONTENT_ENCODING, required = false) String encoding) {
		// zero bytes are an empty ListOfSpans, not a missing body
		return accept((body != null) ? body : new byte[0], encoding, ZipkinProto3::decode);
	}

	private ResponseEntity<Void> accept(byte[] body, String encoding, Function<byte[], List<Span>> decoder) {
		byte[] content = ContentEncoding.decode(body, encoding, maxBodyBytes);
		List<Span> spans;
		try {
			spans = decoder.apply(content);
		}
		catch (IllegalArgumentException ex) {
			throw ApiProblem.badRequest(ex.getMessage());
		}
		refuseTimesOutOfRange(spans);
		store.accept(spans);
		return ResponseEntity.accepted().build();
	}

	/**
	 * The core's rule for times ({@link SpanTimes}), for every span of the request. One span out of range
	 * refuses the whole request, as a Zipkin server refuses a request it cannot decode: Zipkin's API has
	 * no way to say that part of a batch was kept, and a 400 that stores nothing is one the sender can
	 * act on without guessing what got in.
	 */
	private static void refuseTimesOutOfRange(List<Span> spans) {
		for (int i = 0; i < spans.size(); i++) {
			Span span = spans.get(i);
			String problem = SpanTimes.problem(span.timestampAsLong(), span.durationAsLong());
			if (problem != null) {
				throw ApiProblem.badRequest("span " + i + " (trace " + span.traceId() + ", span " + span.id()
						+ ") is out of range, and no span of the request was stored: " + problem)
					.with("trace_id", span.traceId())
					.with("span_id", span.id())
					.with("span_index", i);
			}
		}
	}

	@GetMapping(path = "/api/v2/trace/{traceId}", produces = MediaType.APPLICATION_JSON_VALUE)
	byte[] trace(@PathVariable TraceId traceId) {
		List<Span> spans = store.trace(traceId);
		if (spans.isEmpty()) {
			throw new ApiProblem(HttpStatus.NOT_FOUND, "no trace " + traceId.value() + " in the store");
		}
		return ZipkinJson.encode(spans);
	}

}
