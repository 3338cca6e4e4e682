package dev.parkingoperator.parking.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Proxies of one interface that pass every call on to a real target, after the test looked at it.
 */
public final class Intercepting {

  /** The call to the target, to make or not. */
  @FunctionalInterface
  public interface Call {
    Object proceed() throws Throwable;
  }

  /** Sees a call before the target does; returns what the caller gets. */
  @FunctionalInterface
  public interface Interceptor {
    Object intercept(Method method, Object[] args, Call call) throws Throwable;
  }

  private Intercepting() {}

  public static <T> T proxy(Class<T> type, T target, Interceptor interceptor) {
    return type.cast(
        Proxy.newProxyInstance(
            Intercepting.class.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) ->
                interceptor.intercept(method, args, () -> invoke(target, method, args))));
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
