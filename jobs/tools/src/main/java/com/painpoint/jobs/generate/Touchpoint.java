package com.painpoint.jobs.generate;

import java.util.List;

/**
 * The synthetic business's touchpoints in journey order, with everything the taxonomy file says
 * about each (url patterns, event names, text keywords, start/success events, slowness limit).
 *
 * <p>The same definitions drive the simulator and {@link TaxonomyYaml}, so the urls, event names
 * and words the simulator emits always map back to the touchpoint it meant.
 */
enum Touchpoint {
  DISCOVERY(
      "discovery",
      1,
      "marketing",
      List.of("^/$", "^/pricing", "^/features", "^/how-it-works", "^/blog", "^/gift-cards"),
      List.of(),
      List.of(
          "homepage",
          "home page",
          "landing page",
          "pricing page",
          "advert",
          "adverts",
          "ads",
          "newsletter",
          "blog"),
      List.of(),
      List.of(),
      false,
      // No limit on purpose: discovery exercises the engine's p95 fallback.
      null),
  SIGNUP(
      "signup",
      2,
      "sales",
      List.of("^/signup", "^/register", "^/trial"),
      List.of("signup_start", "signup_complete"),
      List.of(
          "signup",
          "sign up",
          "sign-up",
          "signing up",
          "signed up",
          "registration",
          "register",
          "free trial"),
      List.of("signup_start"),
      List.of("signup_complete"),
      false,
      6000),
  ONBOARDING(
      "onboarding",
      3,
      "product",
      List.of("^/welcome", "^/onboarding"),
      List.of(),
      List.of("onboarding", "welcome tour", "welcome questions", "tutorial", "questionnaire"),
      List.of(),
      List.of(),
      false,
      6000),
  SEARCH(
      "search",
      4,
      "product",
      List.of("^/search", "^/menu", "^/catalog", "^/recipes"),
      List.of("search_query"),
      List.of(
          "search",
          "searching",
          "searched",
          "filter",
          "filters",
          "filtering",
          "catalog",
          "catalogue",
          "menu",
          "search results"),
      List.of(),
      List.of(),
      false,
      4000),
  CHECKOUT(
      "checkout",
      5,
      "sales",
      List.of("^/cart", "^/checkout"),
      List.of("checkout_start", "order_placed"),
      List.of(
          "checkout",
          "check out",
          "cart",
          "basket",
          "promo code",
          "coupon",
          "discount code",
          "voucher",
          "payment page"),
      List.of("checkout_start"),
      List.of("order_placed"),
      false,
      6000),
  DELIVERY(
      "delivery",
      6,
      "operations",
      List.of("^/orders", "^/tracking", "^/deliveries"),
      List.of(),
      List.of(
          "delivery",
          "deliveries",
          "deliver",
          "delivered",
          "courier",
          "parcel",
          "package",
          "box",
          "driver",
          "tracking",
          "doorstep"),
      List.of(),
      List.of(),
      false,
      6000),
  BILLING(
      "billing",
      7,
      "finance",
      List.of("^/billing", "^/invoices", "^/account/plan"),
      List.of(),
      List.of(
          "billing",
          "bill",
          "billed",
          "invoice",
          "invoices",
          "charge",
          "charged",
          "charges",
          "double charge",
          "refund",
          "refunds",
          "refunded",
          "subscription fee",
          "statement",
          "overcharged",
          "direct debit"),
      List.of(),
      List.of(),
      false,
      6000),
  SUPPORT(
      "support",
      8,
      "service",
      List.of("^/help", "^/support", "^/contact"),
      List.of(),
      List.of(
          "support",
          "customer service",
          "agent",
          "agents",
          "ticket",
          "tickets",
          "helpdesk",
          "help desk",
          "hotline",
          "chat",
          "on hold"),
      List.of(),
      List.of(),
      false,
      6000),
  ACCOUNT(
      "account",
      9,
      "product",
      // Explicit sub-paths so that /account/cancel (cancellation) and /account/plan (billing)
      // never match here.
      List.of(
          "^/account/settings",
          "^/account/profile",
          "^/account/security",
          "^/login",
          "^/logout",
          "^/profile",
          "^/forgot-password",
          "^/reset-password"),
      List.of(),
      List.of(
          "account",
          "login",
          "log in",
          "logged out",
          "logging in",
          "password",
          "sign in",
          "profile",
          "settings",
          "reset link"),
      List.of(),
      List.of(),
      false,
      5000),
  CANCELLATION(
      "cancellation",
      10,
      "service",
      List.of("^/account/cancel"),
      List.of("cancel_start", "cancel_confirmed"),
      List.of(
          "cancel",
          "cancelled",
          "canceled",
          "cancelling",
          "cancellation",
          "unsubscribe",
          "retention offer",
          "retention offers"),
      List.of(),
      List.of(),
      true,
      6000);

  final String id;
  final int position;
  final String owner;
  final List<String> urlPatterns;
  final List<String> events;
  final List<String> keywords;
  final List<String> startEvents;
  final List<String> successEvents;
  final boolean outcome;
  final Integer slowMs;

  Touchpoint(
      String id,
      int position,
      String owner,
      List<String> urlPatterns,
      List<String> events,
      List<String> keywords,
      List<String> startEvents,
      List<String> successEvents,
      boolean outcome,
      Integer slowMs) {
    this.id = id;
    this.position = position;
    this.owner = owner;
    this.urlPatterns = urlPatterns;
    this.events = events;
    this.keywords = keywords;
    this.startEvents = startEvents;
    this.successEvents = successEvents;
    this.outcome = outcome;
    this.slowMs = slowMs;
  }
}
