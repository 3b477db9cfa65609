package dev.gatehouse.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes complete responses. */
public final class HttpResponses {
  static final ObjectMapper JSON =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private HttpResponses() {}

  /** Serialises {@code body} with Jackson and sends it as {@code application/json}. */
  public static void json(Response response, Callback callback, int status, Object body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response body is not serialisable", e);
    }
    send(response, callback, status, "application/json", bytes);
  }

  public static void send(
      Response response, Callback callback, int status, String contentType, String body) {
    send(response, callback, status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  public static void send(
      Response response, Callback callback, int status, String contentType, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
