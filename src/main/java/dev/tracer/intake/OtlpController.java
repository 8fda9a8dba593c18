package dev.tracer.intake;

import com.google.rpc.Status;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
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
import dev.tracer.problem.Causes;
import dev.tracer.problem.ErrorTable;
import dev.tracer.problem.Problem;
import dev.tracer.problem.ProblemResponses;
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

	/**
	 * A refusal of an OTLP request: what it is comes from the error table, as for every endpoint; OTLP/HTTP
	 * wants it as a {@code google.rpc.Status} in the request's encoding (with {@code Retry-After} when
	 * the store is short of memory). A body in neither encoding gets the API's problem+json. The body
	 * limit trips while Spring reads the body and arrives wrapped; the table unwraps it.
	 */
	@ExceptionHandler({ ApiProblem.class, StoreOverloadedException.class, HttpMessageNotReadableException.class })
	ResponseEntity<?> refused(Exception ex, HttpServletRequest request) {
		Problem problem = ErrorTable.of(ex);
		if (ex instanceof HttpMessageNotReadableException && Causes.find(ex, ApiProblem.class) == null) {
			problem = ApiProblem.badRequest("the request body could not be read").toProblem();
		}
		OtlpFormat format = format(request.getContentType());
		if (format == null) {
			return ProblemResponses.problemJson(problem);
		}
		// OTLP/HTTP: "This specification does not use Status.code field and the server MAY omit" it
		Status status = Status.newBuilder().setMessage(problem.detail()).build();
		return ResponseEntity.status(problem.status())
			.headers(ProblemResponses.headers(problem))
			.contentType(MediaType.parseMediaType(format.mediaType()))
			.body(format.encode(status));
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
