package com.painpoint.jobs.generate;

import static com.painpoint.jobs.generate.Touchpoint.ACCOUNT;
import static com.painpoint.jobs.generate.Touchpoint.BILLING;
import static com.painpoint.jobs.generate.Touchpoint.CANCELLATION;
import static com.painpoint.jobs.generate.Touchpoint.CHECKOUT;
import static com.painpoint.jobs.generate.Touchpoint.DELIVERY;
import static com.painpoint.jobs.generate.Touchpoint.DISCOVERY;
import static com.painpoint.jobs.generate.Touchpoint.ONBOARDING;
import static com.painpoint.jobs.generate.Touchpoint.SEARCH;
import static com.painpoint.jobs.generate.Touchpoint.SIGNUP;
import static com.painpoint.jobs.generate.Touchpoint.SUPPORT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One visit to a touchpoint: the events a person produces there, ordinary or with the planted
 * friction the caller asks for. Every url used here matches only its own touchpoint's patterns.
 */
final class Visits {

  /**
   * The requests this class makes fail when a touchpoint's error friction is planted, as url
   * patterns (ids as {id}) with their status codes, for ground_truth.json: the evidence the night's
   * counter-measures should name. Checkout's payment call fails with 500, 502 or 503 before an
   * abandonment and with 502 before a successful retry; its promo-code errors on /cart are
   * client-side (no status) and fewer.
   */
  static Map<String, Object> failingRequests() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(CHECKOUT.id, failing("/checkout/payment", 500, 502, 503));
    out.put(BILLING.id, failing("/billing/payment-method", 500));
    out.put(DELIVERY.id, failing("/tracking/{id}", 503));
    out.put(SUPPORT.id, failing("/contact", 503));
    out.put(ACCOUNT.id, failing("/login", 500));
    out.put(SIGNUP.id, failing("/signup/details", 500));
    return out;
  }

  private static Map<String, Object> failing(String url, Integer... statusCodes) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("url", url);
    m.put("status_codes", List.of(statusCodes));
    return m;
  }

  private static final List<String> DISCOVERY_PAGES =
      List.of(
          "/",
          "/pricing",
          "/features",
          "/how-it-works",
          "/blog/quick-weeknight-dinners",
          "/blog/zero-waste-kitchen",
          "/gift-cards");
  private static final List<String> SEARCH_PAGES =
      List.of(
          "/menu", "/menu/this-week", "/menu/next-week", "/catalog/pantry", "/catalog/household");
  private static final List<String> FILTERS =
      List.of(
          "filter-vegetarian",
          "filter-vegan",
          "filter-quick",
          "filter-family",
          "filter-allergens",
          "filter-low-calorie",
          "sort-price");
  private static final List<String> HELP_ARTICLES =
      List.of(
          "/help/articles/where-is-my-box",
          "/help/articles/change-delivery-day",
          "/help/articles/refunds",
          "/help/articles/skip-a-week",
          "/help/articles/allergens");

  private Visits() {}

  static void discovery(SessionBuilder b) {
    SplittableRandom r = b.rng();
    b.pageView(DISCOVERY, pick(r, DISCOVERY_PAGES));
    if (r.nextDouble() < 0.5) {
      b.click(DISCOVERY, "/", pick(r, List.of("nav-menu", "nav-pricing", "cta-get-started")));
    }
    if (r.nextDouble() < 0.35) {
      b.pageView(DISCOVERY, pick(r, DISCOVERY_PAGES.subList(1, DISCOVERY_PAGES.size())));
    }
  }

  /** Browsing the menu or catalogue; slow and rage flags plant those frictions. */
  static void search(SessionBuilder b, boolean slow, boolean rage) {
    SplittableRandom r = b.rng();
    String page = pick(r, SEARCH_PAGES);
    if (slow) {
      b.slowPageView(SEARCH, page);
    } else {
      b.pageView(SEARCH, page);
    }
    if (r.nextDouble() < 0.4) {
      b.event(SEARCH, "search_query", "/search");
      b.pageView(SEARCH, "/search");
    }
    String filter = pick(r, FILTERS);
    if (rage) {
      b.rageClicks(SEARCH, page, filter);
    } else if (r.nextDouble() < 0.6) {
      b.click(SEARCH, page, filter);
    }
    if (r.nextDouble() < 0.7) {
      int recipe = 100 + r.nextInt(900);
      b.click(SEARCH, page, "recipe-card-" + recipe);
      b.pageView(SEARCH, "/recipes/" + recipe);
      b.click(SEARCH, "/recipes/" + recipe, "btn-add-to-box");
    }
  }

  /** How a checkout visit ends. */
  enum CheckoutOutcome {
    ORDERED,
    /** Promo code rejected with a client-side error, then the customer leaves. */
    ABANDONED_PROMO,
    /** Left at the payment step without any error. */
    ABANDONED,
    /** The payment call fails with a 5xx and the customer leaves. */
    ABANDONED_SERVER_ERROR,
    /** The payment call fails once with a 5xx, the retry succeeds. */
    SERVER_ERROR_THEN_ORDERED
  }

  static void checkout(SessionBuilder b, CheckoutOutcome outcome) {
    SplittableRandom r = b.rng();
    b.pageView(CHECKOUT, "/cart");
    if (outcome == CheckoutOutcome.ABANDONED_PROMO) {
      b.click(CHECKOUT, "/cart", "btn-apply-promo");
      b.formSubmit(CHECKOUT, "/cart");
      b.error(CHECKOUT, "/cart", null);
    } else if (r.nextDouble() < 0.15) {
      b.click(CHECKOUT, "/cart", "btn-apply-promo");
      b.formSubmit(CHECKOUT, "/cart");
    }
    b.click(CHECKOUT, "/cart", "btn-checkout");
    b.event(CHECKOUT, "checkout_start", "/checkout");
    b.pageView(CHECKOUT, "/checkout/payment");
    switch (outcome) {
      case ABANDONED_PROMO, ABANDONED -> b.planted(CHECKOUT);
      case ABANDONED_SERVER_ERROR -> {
        b.click(CHECKOUT, "/checkout/payment", "btn-pay");
        int status = pick(r, List.of(500, 502, 503));
        b.failedFormSubmit(CHECKOUT, "/checkout/payment", status);
        b.failedPageView(CHECKOUT, "/checkout/payment", status);
        b.planted(CHECKOUT);
      }
      case SERVER_ERROR_THEN_ORDERED -> {
        b.click(CHECKOUT, "/checkout/payment", "btn-pay");
        b.failedFormSubmit(CHECKOUT, "/checkout/payment", 502);
        b.click(CHECKOUT, "/checkout/payment", "btn-pay");
        placeOrder(b);
      }
      case ORDERED -> {
        b.click(CHECKOUT, "/checkout/payment", "btn-pay");
        placeOrder(b);
      }
    }
  }

  private static void placeOrder(SessionBuilder b) {
    b.formSubmit(CHECKOUT, "/checkout/payment");
    b.event(CHECKOUT, "order_placed", "/checkout/confirmation");
    b.pageView(CHECKOUT, "/checkout/confirmation");
  }

  /** Order list and tracking; a failing or slow tracking page when friction is asked for. */
  static void delivery(SessionBuilder b, boolean friction) {
    SplittableRandom r = b.rng();
    int order = 10_000 + r.nextInt(90_000);
    b.pageView(DELIVERY, "/orders");
    b.click(DELIVERY, "/orders", "order-row");
    if (friction && r.nextBoolean()) {
      b.slowPageView(DELIVERY, "/tracking/" + order);
    } else if (friction) {
      b.failedPageView(DELIVERY, "/tracking/" + order, 503);
      b.error(DELIVERY, "/tracking/" + order, 503);
    } else {
      b.pageView(DELIVERY, "/tracking/" + order);
    }
    if (r.nextDouble() < 0.3) {
      b.click(DELIVERY, "/tracking/" + order, "btn-change-day");
      b.pageView(DELIVERY, "/deliveries/schedule");
      b.formSubmit(DELIVERY, "/deliveries/schedule");
    }
  }

  /** Invoices or plan changes; a failing card update when friction is asked for. */
  static void billing(SessionBuilder b, boolean friction) {
    SplittableRandom r = b.rng();
    b.pageView(BILLING, "/billing");
    if (friction) {
      b.click(BILLING, "/billing", "btn-update-card");
      b.pageView(BILLING, "/billing/payment-method");
      b.failedFormSubmit(BILLING, "/billing/payment-method", 500);
      b.error(BILLING, "/billing/payment-method", 500);
    } else if (r.nextDouble() < 0.6) {
      b.click(BILLING, "/billing", "btn-invoices");
      String invoice = "/invoices/" + (200_000 + r.nextInt(800_000));
      b.pageView(BILLING, "/invoices");
      b.pageView(BILLING, invoice);
      b.click(BILLING, invoice, "btn-download-invoice");
    } else {
      b.pageView(BILLING, "/account/plan");
      b.click(BILLING, "/account/plan", pick(r, List.of("plan-basic", "plan-plus", "plan-pro")));
      b.formSubmit(BILLING, "/account/plan");
    }
  }

  /** Help centre and contact form; a failing form or a slow chat when friction is asked for. */
  static void support(SessionBuilder b, boolean friction) {
    SplittableRandom r = b.rng();
    b.pageView(SUPPORT, "/help");
    b.pageView(SUPPORT, pick(r, HELP_ARTICLES));
    if (friction && r.nextBoolean()) {
      b.click(SUPPORT, "/help", "btn-start-chat");
      b.slowPageView(SUPPORT, "/support/chat");
    } else if (friction) {
      b.pageView(SUPPORT, "/contact");
      b.failedFormSubmit(SUPPORT, "/contact", 503);
      b.error(SUPPORT, "/contact", 503);
    } else if (r.nextDouble() < 0.5) {
      b.click(SUPPORT, "/help", "btn-contact");
      b.pageView(SUPPORT, "/contact");
      b.formSubmit(SUPPORT, "/contact");
    }
  }

  /** Logging in; with friction the first attempt fails with a server error. */
  static void login(SessionBuilder b, boolean friction) {
    b.pageView(ACCOUNT, "/login");
    if (friction) {
      b.failedFormSubmit(ACCOUNT, "/login", 500);
      b.error(ACCOUNT, "/login", 500);
    }
    b.formSubmit(ACCOUNT, "/login");
  }

  static void settings(SessionBuilder b) {
    SplittableRandom r = b.rng();
    String page = pick(r, List.of("/account/settings", "/account/profile", "/account/security"));
    b.pageView(ACCOUNT, page);
    b.click(ACCOUNT, page, "btn-save");
    b.formSubmit(ACCOUNT, page);
  }

  /**
   * The login loop: login fails, the customer bounces to the home page and back, three account
   * visits in one session, with errors. Uses discovery twice, so the caller must not add discovery
   * to the same session.
   */
  static void loginLoop(SessionBuilder b) {
    SplittableRandom r = b.rng();
    b.pageView(ACCOUNT, "/login");
    b.failedFormSubmit(ACCOUNT, "/login", 500);
    b.pause();
    b.pageView(DISCOVERY, "/");
    b.pageView(ACCOUNT, r.nextBoolean() ? "/login" : "/forgot-password");
    b.error(ACCOUNT, "/login", null);
    b.pause();
    b.pageView(DISCOVERY, "/");
    b.pageView(ACCOUNT, "/login");
    b.formSubmit(ACCOUNT, "/login");
    b.planted(ACCOUNT);
  }

  /** A password reset request (the e-mail that never arrives is the theme in the texts). */
  static void passwordReset(SessionBuilder b) {
    b.pageView(ACCOUNT, "/forgot-password");
    b.click(ACCOUNT, "/forgot-password", "btn-send-reset");
    b.formSubmit(ACCOUNT, "/forgot-password");
  }

  /** Creating an account; with an error the first submit fails and the retry succeeds. */
  static void signup(SessionBuilder b, boolean serverError) {
    b.pageView(SIGNUP, "/signup");
    b.event(SIGNUP, "signup_start", "/signup");
    b.pageView(SIGNUP, "/signup/details");
    if (serverError) {
      b.failedFormSubmit(SIGNUP, "/signup/details", 500);
    }
    b.formSubmit(SIGNUP, "/signup/details");
    b.event(SIGNUP, "signup_complete", "/signup/complete");
    b.pageView(SIGNUP, "/signup/complete");
  }

  /** An anonymous visitor looking at sign-up; started controls a planted abandonment. */
  static void signupLook(SessionBuilder b, boolean started) {
    b.pageView(SIGNUP, "/signup");
    if (started) {
      b.event(SIGNUP, "signup_start", "/signup");
      b.pageView(SIGNUP, "/signup/details");
      b.planted(SIGNUP);
    }
  }

  static void onboarding(SessionBuilder b) {
    SplittableRandom r = b.rng();
    b.pageView(ONBOARDING, "/welcome");
    b.click(ONBOARDING, "/welcome", "btn-start");
    b.pageView(ONBOARDING, "/onboarding/preferences");
    b.click(ONBOARDING, "/onboarding/preferences", pick(r, List.of("pref-veggie", "pref-family")));
    b.formSubmit(ONBOARDING, "/onboarding/preferences");
    if (r.nextBoolean()) {
      b.pageView(ONBOARDING, "/onboarding/delivery-day");
      b.formSubmit(ONBOARDING, "/onboarding/delivery-day");
    }
  }

  /**
   * The cancellation flow. With loop the retention offer sends the customer to the home page and
   * back twice (three cancellation visits); the caller must not add discovery to the session.
   */
  static void cancellation(SessionBuilder b, boolean loop, boolean confirm) {
    b.pageView(CANCELLATION, "/account/cancel");
    b.click(CANCELLATION, "/account/cancel", "btn-cancel-subscription");
    b.event(CANCELLATION, "cancel_start", "/account/cancel");
    b.pageView(CANCELLATION, "/account/cancel/offer");
    if (loop) {
      for (int i = 0; i < 2; i++) {
        b.click(CANCELLATION, "/account/cancel/offer", "link-see-offers");
        b.pageView(DISCOVERY, "/");
        b.pause();
        b.pageView(CANCELLATION, "/account/cancel/offer");
      }
      b.planted(CANCELLATION);
    }
    if (confirm) {
      b.click(CANCELLATION, "/account/cancel/offer", "btn-decline-offer");
      b.formSubmit(CANCELLATION, "/account/cancel/offer");
      b.event(CANCELLATION, "cancel_confirmed", "/account/cancel/done");
      b.pageView(CANCELLATION, "/account/cancel/done");
    } else {
      b.click(CANCELLATION, "/account/cancel/offer", "btn-accept-offer");
    }
  }

  static <T> T pick(SplittableRandom r, List<T> values) {
    return values.get(r.nextInt(values.size()));
  }
}
