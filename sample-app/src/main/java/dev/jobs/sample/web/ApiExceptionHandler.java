package dev.jobs.sample.web;

import dev.jobs.JobsUnavailableException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers the API's errors with problem details (RFC 9457): a rejected request body says
 * what is wrong with it, and a job the broker did not confirm becomes
 * {@code 503 Service Unavailable}, since the request did not take effect and may be sent
 * again. So does a job's state while Redis, which holds it, cannot be reached (connection
 * refused or command timed out): the state is there, only not readable right now.
 */
@RestControllerAdvice(basePackages = "dev.jobs.sample")
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> jobsUnavailable(JobsUnavailableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The job could not be queued, so nothing was done; try again shortly");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
	}

	@ExceptionHandler({ DataAccessResourceFailureException.class, QueryTimeoutException.class })
	ResponseEntity<ProblemDetail> resultStoreUnreachable(RuntimeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The job's state cannot be read right now, since the result store is unreachable; try again shortly");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		// The records' constructors reject invalid orders with a message fit to show.
		Throwable cause = ex.getMostSpecificCause();
		String detail = (cause instanceof IllegalArgumentException) ? cause.getMessage()
				: "The request body is not valid JSON for this endpoint";
		return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail));
	}

}
