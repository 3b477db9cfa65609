package dev.gatehouse.server.web;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One HTTP endpoint. It runs on a virtual thread, so it may block (database, password hashing);
 * it completes the exchange through {@code callback}, usually via {@link HttpResponses}. A thrown
 * exception is rendered by {@link ErrorRenderer}.
 */
@FunctionalInterface
public interface Endpoint {
  void handle(Request request, Response response, Callback callback) throws Exception;
}
