package dev.tracer.intake;

import java.util.List;
import java.util.Locale;
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
		store.accept(spans);
		return ResponseEntity.accepted().build();
	}

	@GetMapping(path = "/api/v2/trace/{traceId}", produces = MediaType.APPLICATION_JSON_VALUE)
	byte[] trace(@PathVariable String traceId) {
		List<Span> spans = store.trace(traceId);
		if (spans.isEmpty()) {
			throw new ApiProblem(HttpStatus.NOT_FOUND, "no trace " + traceId.toLowerCase(Locale.ROOT) + " in the store");
		}
		return ZipkinJson.encode(spans);
	}

}
