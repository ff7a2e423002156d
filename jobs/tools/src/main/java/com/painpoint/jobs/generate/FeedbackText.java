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

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The sentences customers write: planted complaint themes with several phrasings each, positive and
 * mildly negative mentions of every touchpoint, generic remarks, non-English lines, contact
 * details, and the typos, emoji and casing of real feedback.
 *
 * <p>Touchpoint sentences name their touchpoint through its taxonomy keywords and no other
 * touchpoint's (FeedbackTextTest checks this), so text attribution points where the simulator
 * meant; {@link #IMPLICIT_NEGATIVE} sentences deliberately name none.
 */
final class FeedbackText {

  private FeedbackText() {}

  /** A planted pain theme: its label in ground_truth.json and its phrasings (with slots). */
  record Theme(Touchpoint touchpoint, String label, List<String> phrasings) {}

  static final List<Theme> THEMES =
      List.of(
          new Theme(
              BILLING,
              "charged twice after changing plan",
              List.of(
                  "I was billed twice when I switched to the {plan} plan.",
                  "Terrible experience: a double charge on my card after upgrading to {plan}, {amount} taken two times.",
                  "They took the money two times after my plan change and the bill still shows both, which is a disgrace.",
                  "I got a double charge after my plan change, which is awful.",
                  "Your billing charged me twice for the same week after I moved to the {plan} plan, which is awful.",
                  "My statement shows two charges of {amount} since I changed plans on {weekday}, which is unacceptable.",
                  "I was billed twice for one plan change, which is ridiculous.")),
          new Theme(
              BILLING,
              "refund takes weeks",
              List.of(
                  "Still waiting for my refund after {weeks} weeks, this is awful.",
                  "It took {weeks} weeks to get a refund of {amount}, absolutely ridiculous.",
                  "I was promised a refund within five days and it has been {weeks} weeks, terrible service.",
                  "Refunds take forever, {amount} is still not back on my card.",
                  "A simple refund taking {weeks} weeks is useless.",
                  "The refund I was promised on {weekday} has still not been received {weeks} weeks later.")),
          new Theme(
              BILLING,
              "price went up without notice",
              List.of(
                  "My subscription fee went up by {amount} without any notice, which is really unfair.",
                  "The price on my invoice jumped this month without warning, very bad.",
                  "You raised my bill without warning, not cool.",
                  "I was charged {amount} more than usual with no email about a price change, which is terrible.",
                  "The invoice says {amount} more than last month and I never agreed to that.")),
          new Theme(
              DELIVERY,
              "package arrived late",
              List.of(
                  "My box arrived {days} days late again, so disappointing.",
                  "The delivery was {days} days late and half the food went in the bin, terrible.",
                  "The parcel turned up on {weekday} instead of {weekday2}, way too late.",
                  "The driver came after 9pm, hours after the promised slot, which is useless.",
                  "Third late delivery this month and the food was ruined by the time the box arrived, awful.",
                  "The courier was {days} days late and the tracking was wrong the whole time, useless.")),
          new Theme(
              DELIVERY,
              "courier left parcel at wrong address",
              List.of(
                  "The courier left my parcel at the wrong address.",
                  "The driver left my box at a house down the street.",
                  "My package was left with a neighbour I don't even know.",
                  "Delivery marked as completed but the parcel was dropped at the wrong address.",
                  "The driver left the box at number {house} instead of my house, hopeless.",
                  "Once again the courier delivered to the wrong door and I had to go looking for it.")),
          new Theme(
              DELIVERY,
              "items missing or damaged",
              List.of(
                  "Half the items were missing from my box, very poor.",
                  "The delivery came with {item} missing and the eggs crushed.",
                  "My box arrived damaged and soaking wet, horrible.",
                  "The package came with broken jars and leaking milk, what a mess.",
                  "Every other box has something missing, this week it was {item}.")),
          new Theme(
              SUPPORT,
              "waited hours for an agent",
              List.of(
                  "I waited {hours} hours to speak to an agent, terrible service.",
                  "Customer service kept me on hold for over an hour, awful.",
                  "The chat says an agent will be with you shortly and then nothing for {hours} hours.",
                  "I spent {hours} hours in the support queue and nobody picked up, terrible.",
                  "The hotline is useless, I was on hold for {minutes} minutes before giving up.",
                  "It took {hours} hours to get a human on the support line, pathetic.")),
          new Theme(
              SUPPORT,
              "ticket closed without an answer",
              List.of(
                  "My ticket was closed without anyone answering it, which is unacceptable.",
                  "Support marked my ticket as resolved but never replied.",
                  "They closed the ticket and the problem is still there.",
                  "I opened {n} tickets and all of them were closed without a real answer.",
                  "The agent closed my request with a useless copy-paste reply that had nothing to do with my question.")),
          new Theme(
              CHECKOUT,
              "promo code not accepted",
              List.of(
                  "The promo code {code} was not accepted at checkout.",
                  "Checkout kept saying my coupon was invalid even though it came in your email, so annoying.",
                  "I tried to apply {code} in the basket and got an error every time.",
                  "The discount code from your email does not work in the cart.",
                  "Your cart refuses every promo code I enter, it's broken.",
                  "The voucher {code} failed at checkout three times, so frustrating.")),
          new Theme(
              CHECKOUT,
              "payment page crashed",
              List.of(
                  "The payment page crashed twice when I tried to place my order, terrible.",
                  "Checkout froze on the payment step and I gave up, awful experience.",
                  "I got a server error at checkout after entering my card details.",
                  "The payment page keeps spinning and then shows an error.",
                  "I could not finish checkout, the page crashed at the last step.",
                  "Checkout broke again and I lost my whole basket.")),
          new Theme(
              SEARCH,
              "search results irrelevant",
              List.of(
                  "The search results are completely irrelevant, I typed chicken and got desserts.",
                  "The search never finds the dish I'm looking for.",
                  "Searching for vegan options shows meat dishes, useless.",
                  "Search is useless, the results have nothing to do with what I type.",
                  "I searched for gluten free and got pasta, really annoying.")),
          new Theme(
              SEARCH,
              "filters slow and unresponsive",
              List.of(
                  "The filters on the menu take forever to load, really annoying.",
                  "Clicking the vegetarian filter does nothing, I had to click it five times.",
                  "The catalogue is so slow when I filter by allergens.",
                  "The filters are unresponsive and the whole menu lags badly.",
                  "The menu page takes ages to load every single time, so slow and frustrating.")),
          new Theme(
              ACCOUNT,
              "password reset email never arrives",
              List.of(
                  "The password reset email never arrives, so frustrating.",
                  "I requested a new password {n} times and never got the email, useless.",
                  "I can't log in because the reset link never shows up in my inbox.",
                  "Password reset is broken, no email, not even in spam.",
                  "Still no reset link after {n} attempts, I'm locked out of my account.")),
          new Theme(
              ACCOUNT,
              "login keeps failing",
              List.of(
                  "The login page keeps sending me back to the start, so annoying.",
                  "I get logged out every time I open the app, very annoying.",
                  "Login fails with an error even with the right password.",
                  "I'm stuck in a loop between the login screen and the home screen, which is terrible.",
                  "Logging in takes five attempts every single time.")),
          new Theme(
              CANCELLATION,
              "hard to cancel, pushed retention offers",
              List.of(
                  "Cancelling my subscription took forever, it kept pushing retention offers, awful.",
                  "I had to click through {n} offers before I could cancel, ridiculous.",
                  "The cancellation page sends you round in circles, terrible design.",
                  "It is ridiculous how hard it is to cancel.",
                  "Trying to cancel was a horrible maze of discounts and pop-ups.")));

  /** Extra negative sentences that name the touchpoint again, for longer complaints. */
  static final Map<Touchpoint, List<String>> NEGATIVE_FOLLOW_UP =
      new EnumMap<>(
          Map.of(
              BILLING,
              List.of(
                  "This is the worst billing I have seen from any company.",
                  "Your billing is a total mess.",
                  "Sort out your billing, this is unacceptable.",
                  "I now check every invoice because I don't trust you anymore."),
              DELIVERY,
              List.of(
                  "Delivery is a complete joke at the moment.",
                  "I am sick of chasing every single delivery.",
                  "Your courier company is terrible.",
                  "Delivery quality has gone downhill and it's really disappointing."),
              SUPPORT,
              List.of(
                  "Customer service is the worst I have ever dealt with.",
                  "Your support team clearly does not care.",
                  "Terrible support, honestly."),
              CHECKOUT,
              List.of("Checkout is painfully broken.", "The cart is a frustrating mess."),
              SEARCH,
              List.of("The menu search is really frustrating to use."),
              ACCOUNT,
              List.of("Your login is a nightmare."),
              CANCELLATION,
              List.of("The cancellation flow is awful.")));

  /** Negative remarks that name no touchpoint: attributed to the row's touchpoint, if any. */
  static final List<String> IMPLICIT_NEGATIVE =
      List.of(
          "Really frustrating.",
          "Not impressed at all, bad service.",
          "Very disappointed.",
          "Please sort this mess out.",
          "This is unacceptable.",
          "I'm seriously thinking about leaving because of this.",
          "Third time this has happened, it's just not good enough.");

  static final Map<Touchpoint, List<String>> POSITIVE =
      new EnumMap<>(
          Map.of(
              DISCOVERY,
              List.of(
                  "A friend sent me your homepage and it is great, everything is clear.",
                  "The pricing page made it easy to compare plans.",
                  "I love the ideas on your blog, that's how I found you.",
                  "Your adverts made me curious and I'm glad I tried it.",
                  "The newsletter always has great ideas for the week."),
              SIGNUP,
              List.of(
                  "Signing up was great and took two minutes.",
                  "Registration was wonderful, quick and easy.",
                  "The free trial sign up was excellent.",
                  "Really smooth signup, I loved it."),
              ONBOARDING,
              List.of(
                  "The onboarding questions helped me pick meals I actually like.",
                  "I loved the welcome tour, very clear.",
                  "The tutorial was brilliant and made the first week easy.",
                  "Great onboarding, I knew exactly what to do."),
              SEARCH,
              List.of(
                  "The menu is easy to browse and the filters work great.",
                  "Search is excellent and finds exactly what I want.",
                  "I love the variety on the weekly menu.",
                  "Filtering by allergens is really great.",
                  "The new catalogue of household goods is great.",
                  "The menu changes every week and there is always something new to try."),
              CHECKOUT,
              List.of(
                  "Checkout is great, quick and easy.",
                  "Adding extras to the basket is simple and fun.",
                  "Paying at checkout is fantastic, it takes seconds.",
                  "The promo code worked first time, thanks!",
                  "I love how fast the checkout is in the app."),
              DELIVERY,
              List.of(
                  "The box always arrives on time and well packed.",
                  "Our driver is lovely and always on time.",
                  "Tracking is brilliant and accurate to the minute.",
                  "Delivery was right on time and everything was fresh.",
                  "The courier was really friendly.",
                  "My parcel came a day early, great service."),
              BILLING,
              List.of(
                  "Billing is excellent and the invoices are easy to download.",
                  "My refund came through in two days, great.",
                  "Billing has always been perfect.",
                  "The invoice breakdown is really helpful, great job."),
              SUPPORT,
              List.of(
                  "Support was wonderful and sorted my issue in minutes.",
                  "The agent on chat was friendly and helpful.",
                  "Customer service went above and beyond.",
                  "Support gave me a great, helpful answer.",
                  "The help desk was fantastic and fixed my problem the same day."),
              ACCOUNT,
              List.of(
                  "Changing my account settings is easy.",
                  "Logging in with my phone is smooth and pleasant.",
                  "Updating my profile was easy and pleasant.",
                  "I love the new account page, everything is in one place."),
              CANCELLATION,
              List.of(
                  "Pausing instead of cancelling was a great option.",
                  "The cancellation was quick and friendly, great.")));

  /** Mild gripes about touchpoints whose negativity is not planted as pain. */
  static final Map<Touchpoint, List<String>> MILD_NEGATIVE =
      new EnumMap<>(
          Map.of(
              DISCOVERY,
              List.of(
                  "The pricing page is confusing.",
                  "Your homepage is cluttered with annoying pop-ups.",
                  "The adverts are misleading and annoying about the portions.",
                  "Too many newsletter emails, it gets annoying."),
              SIGNUP,
              List.of(
                  "Signing up took far too long, annoying.",
                  "The registration form asked for far too much information.",
                  "The sign up form kept rejecting my postcode, frustrating.",
                  "The free trial hides the real price until the end, which is bad."),
              ONBOARDING,
              List.of(
                  "The onboarding questions were tedious.",
                  "The onboarding questions were tedious and confusing.",
                  "The tutorial was useless and skipped the bit I needed."),
              CANCELLATION,
              List.of(
                  "The cancellation page sends you round in circles, terrible design.",
                  "It is ridiculous how hard it is to cancel.")));

  static final List<String> GENERIC_POSITIVE =
      List.of(
          "Overall I'm really happy with the service.",
          "Keep up the good work!",
          "The food is delicious and the portions are generous.",
          "Great value for money.",
          "I would definitely recommend you to friends.",
          "I've been a customer for {years} years and I love it.",
          "The recipes are tasty and easy to follow.",
          "Really happy, thanks!");

  static final List<String> NEUTRAL =
      List.of(
          "I mostly order on weekends.",
          "We have four people at home.",
          "I use the app more than the website.",
          "I changed my email address last month.");

  /** About 2 % of texts: Spanish, German and French lines the English pipeline cannot read. */
  static final List<String> NON_ENGLISH =
      List.of(
          "El pedido llegó tarde otra vez y nadie responde.",
          "Me cobraron dos veces este mes, quiero un reembolso.",
          "Las recetas son deliciosas, ¡gracias! 🙂",
          "La caja llegó dañada y faltaban productos.",
          "Die Lieferung kam zwei Tage zu spät.",
          "Mir wurde doppelt abgebucht, bitte erstatten Sie das Geld.",
          "Der Kundenservice ist super freundlich.",
          "Tolle Rezepte, wir sind sehr zufrieden 👍",
          "La livraison était en retard et le colis était abîmé.",
          "Très bon service, les recettes sont délicieuses 🙂",
          "On m'a facturé deux fois ce mois-ci.",
          "Impossible de joindre le service client.");

  private static final List<String> FIRST_NAMES =
      List.of("jane", "tom", "priya", "lukas", "maria", "sam", "aisha", "oliver");
  private static final List<String> LAST_NAMES =
      List.of("doe", "smith", "patel", "schmidt", "garcia", "jones", "khan", "brown");

  /** A sentence with contact details, for the engine's redaction (fictional numbers only). */
  static String contactDetails(SplittableRandom r) {
    String first = Visits.pick(r, FIRST_NAMES);
    String last = Visits.pick(r, LAST_NAMES);
    return switch (r.nextInt(4)) {
      case 0 -> String.format("Please call me on +44 7700 900%03d.", r.nextInt(1000));
      case 1 -> "You can reach me at " + first + "." + last + "@example.com.";
      case 2 -> String.format("My number is 07700 900%03d if you need it.", r.nextInt(1000));
      default -> String.format("Email me at %s%02d@example.org please.", first, r.nextInt(100));
    };
  }

  private static final List<String> PLANS = List.of("Plus", "Pro", "Family", "Business");
  private static final List<String> WEEKDAYS =
      List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday");
  private static final List<String> ITEMS =
      List.of(
          "the chicken",
          "the salmon",
          "the dessert",
          "two recipe kits",
          "the washing-up liquid",
          "the coffee pods",
          "the bread");
  private static final List<String> CODES =
      List.of("SPRING20", "WELCOME10", "FREESHIP", "SUMMER15", "FRIEND25");
  private static final List<String> NUMBER_WORDS = List.of("two", "three", "four", "five", "six");

  /** Fills the {slots} of a template with varied amounts, days, names and codes. */
  static String fill(String template, SplittableRandom r) {
    if (template.indexOf('{') < 0) {
      return template;
    }
    String weekday = Visits.pick(r, WEEKDAYS);
    String weekday2 = WEEKDAYS.get((WEEKDAYS.indexOf(weekday) + 1 + r.nextInt(3)) % 6);
    return template
        .replace("{plan}", Visits.pick(r, PLANS))
        .replace(
            "{amount}", "£" + (9 + r.nextInt(70)) + Visits.pick(r, List.of(".99", ".49", ".00")))
        .replace("{weeks}", count(r, 2 + r.nextInt(5)))
        .replace("{days}", count(r, 2 + r.nextInt(3)))
        .replace("{hours}", count(r, 2 + r.nextInt(4)))
        .replace("{minutes}", Integer.toString(40 + 5 * r.nextInt(11)))
        .replace("{weekday2}", weekday2)
        .replace("{weekday}", weekday)
        .replace("{house}", Integer.toString(3 + r.nextInt(120)))
        .replace("{item}", Visits.pick(r, ITEMS))
        .replace("{code}", Visits.pick(r, CODES))
        .replace("{n}", count(r, 2 + r.nextInt(4)))
        .replace("{years}", count(r, 2 + r.nextInt(4)));
  }

  private static String count(SplittableRandom r, int n) {
    return r.nextBoolean() ? Integer.toString(n) : NUMBER_WORDS.get(n - 2);
  }

  static final List<String[]> TYPOS =
      List.of(
          new String[] {"received", "recieved"},
          new String[] {"definitely", "definately"},
          new String[] {"because", "becuase"},
          new String[] {"really", "realy"},
          new String[] {"again", "agian"},
          new String[] {"address", "adress"},
          new String[] {"disappointed", "dissapointed"},
          new String[] {"unacceptable", "unacceptible"},
          new String[] {"until", "untill"},
          new String[] {"friendly", "freindly"});

  /** Misspells the first word of the text that people commonly misspell, if any. */
  static String typo(String text) {
    for (String[] t : TYPOS) {
      int at = text.indexOf(t[0]);
      if (at >= 0) {
        return text.substring(0, at) + t[1] + text.substring(at + t[0].length());
      }
    }
    return text;
  }

  static final List<String> ANGRY_EMOJI = List.of("😡", "😤", "👎", "🙁");
  static final List<String> HAPPY_EMOJI = List.of("🙂", "👍", "😍", "❤️", "🎉");

  static String lowerCase(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
