package dev.tracer.intake;

import com.google.rpc.Status;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.tracer.intake.otlp.OtlpBatch;
import dev.tracer.intake.otlp.OtlpFormat;
import dev.tracer.intake.otlp.OtlpSpans;
import dev.tracer.problem.ApiProblem;
import dev.tracer.store.SpanStore;
import dev.tracer.store.StoreOverloadedException;

/**
 * OTLP/HTTP's trace endpoint, so that any OpenTelemetry SDK, agent or Collector can send spans here
 * with {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://host:8080/v1/traces}.
 *
 * <p>Answers as the OTLP specification's "OTLP/HTTP Response" says, in the request's encoding: 200 with
 * an {@code ExportTraceServiceResponse}, whose {@code partial_success} counts the spans that could not
 * be stored and names the first problem; 400 (undecodable body), 413 (over
 * {@code tracer.web.max-body-size}, raw or decompressed) and 415 (an unknown {@code Content-Encoding})
 * with a {@code google.rpc.Status} whose {@code message} says why. A body in neither OTLP encoding is
 * not an OTLP client's: it gets the API's usual 415 problem.
 */
@RestController
class OtlpController {

	private final SpanStore store;

	private final long maxBodyBytes;

	OtlpController(SpanStore store, WebProperties properties) {
		this.store = store;
		this.maxBodyBytes = properties.maxBodySize().toBytes();
	}

	@PostMapping("/v1/traces")
	ResponseEntity<byte[]> export(@RequestBody(required = false) byte[] body,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
			@RequestHeader(name = HttpHeaders.CONTENT_ENCODING, required = false) String encoding) {
		OtlpFormat format = format(contentType);
		if (format == null) {
			throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "/v1/traces takes OTLP as "
					+ OtlpFormat.PROTOBUF.mediaType() + " or " + OtlpFormat.JSON.mediaType() + ", not " + described(contentType));
		}
		byte[] content = ContentEncoding.decode((body != null) ? body : new byte[0], encoding, maxBodyBytes);
		OtlpBatch batch;
		try {
			batch = OtlpSpans.map(format.decode(content));
		}
		catch (IllegalArgumentException ex) {
			throw ApiProblem.badRequest(ex.getMessage());
		}
		// once per request, so that the store's limits and refusals apply to this intake as to the others
		store.accept(batch.spans());
		ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
		if (!batch.complete()) {
			response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
				.setRejectedSpans(batch.rejectedSpans())
				.setErrorMessage(batch.rejectedSpans() + " of " + (batch.spans().size() + batch.rejectedSpans())
						+ " spans not stored; the first: " + batch.firstRejection()));
		}
		return answer(HttpStatus.OK, format, response.build());
	}

	/** A refusal of an OTLP request, as a {@code google.rpc.Status} in the request's encoding. */
	@ExceptionHandler(ApiProblem.class)
	ResponseEntity<?> refused(ApiProblem problem, HttpServletRequest request) {
		OtlpFormat format = format(request.getContentType());
		if (format == null) {
			return ResponseEntity.status(problem.status())
				.body(ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage()));
		}
		return status(problem, format);
	}

	/**
	 * The store is short of memory: OTLP/HTTP's answer to retry later is 503 with {@code Retry-After},
	 * and its body, like every OTLP error, a {@code google.rpc.Status} in the request's encoding.
	 */
	@ExceptionHandler(StoreOverloadedException.class)
	ResponseEntity<?> overloaded(StoreOverloadedException ex, HttpServletRequest request) {
		ResponseEntity<?> answer = refused(new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage()), request);
		return ResponseEntity.status(answer.getStatusCode())
			.headers(answer.getHeaders())
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
			.body(answer.getBody());
	}

	/** The body limit trips while Spring reads the body, and arrives wrapped. */
	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<?> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ApiProblem problem) {
				return refused(problem, request);
			}
		}
		return refused(ApiProblem.badRequest("the request body could not be read"), request);
	}

	private static ResponseEntity<byte[]> status(ApiProblem problem, OtlpFormat format) {
		// OTLP/HTTP: "This specification does not use Status.code field and the server MAY omit" it
		Status status = Status.newBuilder().setMessage(problem.getMessage()).build();
		return answer(problem.status(), format, status);
	}

	private static ResponseEntity<byte[]> answer(HttpStatus status, OtlpFormat format, com.google.protobuf.Message body) {
		return ResponseEntity.status(status)
			.contentType(MediaType.parseMediaType(format.mediaType()))
			.body(format.encode(body));
	}

	/** The type and subtype only: the header's raw text stays out of the answer. */
	private static String described(String contentType) {
		if (contentType == null) {
			return "a body without Content-Type";
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return type.getType() + "/" + type.getSubtype();
		}
		catch (InvalidMediaTypeException ex) {
			return "an unreadable Content-Type";
		}
	}

	private static OtlpFormat format(String contentType) {
		if (contentType == null) {
			return null;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return OtlpFormat.ofMediaType(type.getType(), type.getSubtype());
		}
		catch (InvalidMediaTypeException ex) {
			return null;
		}
	}

}
