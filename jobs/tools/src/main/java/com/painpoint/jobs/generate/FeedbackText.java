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
 * What customers write, as {@link Grammar} templates: for every planted complaint at least ten
 * wordings that share few content words, plus praise, mild gripes, venting, context, requests,
 * non-English lines and contact details, with slot fillers (amounts, items, days, places, names).
 * {@link FeedbackComposer} assembles texts from these and adds the noise of real feedback.
 *
 * <p>A sentence about a touchpoint never names another touchpoint through its taxonomy keywords
 * (FeedbackTextTest checks this), so each sentence's label is unambiguous. Most complaint wordings
 * name their touchpoint; some, as customers do, name none and are attributed only through the row's
 * touchpoint tag, if any.
 */
final class FeedbackText {

  private FeedbackText() {}

  /** A planted pain theme: its label in ground_truth.json and its wordings (templates). */
  record Theme(Touchpoint touchpoint, String label, List<String> wordings) {}

  static final List<Theme> THEMES =
      List.of(
          new Theme(
              BILLING,
              "charged twice after changing plan",
              List.of(
                  "I was {billed|charged} twice when I {switched|moved|changed} to the $plan plan",
                  "{After|Since} {upgrading|switching} to $plan {I got|there's|I've had} a double charge on my card",
                  "{You|They} took {the money|$amt} two times {after|for} {my|one} plan change",
                  "My {bank|card} statement shows two {payments|debits} of $amt {since|after} I upgraded[ on $wd]",
                  "{Moved|I moved} up a tier {last week|on $wd|yesterday} and {got hit|was hit} with two {identical|separate} payments",
                  "Why {have I been|was I} charged {twice|double} for {the same|one} {week|month}?",
                  "{The|My} invoice {lists|has} my new $plan tier {two times|on two lines}",
                  "Switching tiers {seems to have|has} doubled {what I paid|my payment} this {month|week}",
                  "{Got|Received} {two|2} {bills|invoices} for {one|the same} plan change",
                  "Upgrading cost me double[, $amt went out two times]",
                  "{You|Your system} {overcharged|double billed} me {when|after} I {downgraded|changed tier}[ to $plan]",
                  "The money for my new $plan subscription came out of my bank twice")),
          new Theme(
              BILLING,
              "refund takes weeks",
              List.of(
                  "{Still|I'm still} waiting for my refund after $weeks weeks",
                  "It {took|has taken} $weeks weeks to get {my money back|$amt back}",
                  "I was promised {a refund|my money back} within {five|three|5} {days|working days} and it has been {a month|over a month|ages}",
                  "Refunds {take forever|are painfully slow}[, $amt is still not back on my card]",
                  "{Where is|What happened to} the refund {you promised|I was promised}[ on $wd]?",
                  "{Nobody|No one} can tell me when I will {see|get} {the|my} $amt back",
                  "{My|The} {reimbursement|credit} for the {returned|missing} order {still hasn't|has not} {shown up|appeared|come through}[ after $weeks weeks]",
                  "$weeks weeks {and counting|later} and {still no sign of|I still haven't seen} {the|my} money",
                  "{You were|You're} quick to take {my money|the payment} but {painfully|very} slow to give it back",
                  "I returned {the items|everything} on $wd and {still haven't been|have not been} refunded",
                  "{Chasing|I've been chasing} {a|my} refund since $month[ now]")),
          new Theme(
              BILLING,
              "price went up without notice",
              List.of(
                  "My subscription fee went up by $amt without any notice",
                  "The price {jumped|went up} this month {without warning|with no heads-up}",
                  "You raised my bill without {telling me|warning|asking}",
                  "I was charged $amt more than usual {with no email about it|and nobody told me why}",
                  "{Why|How come} am I paying $amt more {this month|than last month}?",
                  "{Sneaky|Silent|Quiet} price {increase|rise|hike}[ on my plan], {not cool|not on|not ok}",
                  "The invoice says $amt more than last month and I never agreed to that",
                  "{My|The} monthly cost {crept|went} up {again|for the second time}[ and I only noticed by accident]",
                  "{Nobody|No one} {told|warned} me {the|my} plan {would cost|was going to cost} more",
                  "{Prices|Fees} {keep going|went} up but {the portions|what I get} {keep shrinking|stayed the same}",
                  "{Found|Noticed} an extra $amt on my card this {month|week} for no reason")),
          new Theme(
              DELIVERY,
              "package arrived late",
              List.of(
                  "My box arrived $days days late[ again]",
                  "The delivery was $days days late and {half the food|the fresh stuff} went in the bin",
                  "{The parcel|My order} turned up on $wd instead of $wd2",
                  "The driver came after $late, hours after the promised slot",
                  "{Third|Second|Another} late delivery this {month|week}",
                  "{Waited|I waited} {in|at home} all day and {nothing came|it never showed} until {the next day|$wd}",
                  "The {food|ingredients} {arrived|came} {warm|spoiled} because it was {so|way} late",
                  "Why is my {order|box|food} {always late|never on time}[ {on $wd|these days|lately}]?",
                  "The tracking said {today|$wd} and then {moved|changed} it {again|twice}",
                  "{Still|I'm still} waiting for {last|this} week's {order|meals}[, it was due on $wd]",
                  "{You missed|Missed} the slot {again|for the $nth time} and we had nothing for dinner")),
          new Theme(
              DELIVERY,
              "courier left parcel at wrong address",
              List.of(
                  "The courier left my parcel at the wrong address[ {again|on $wd|and drove off}]",
                  "The driver left my box at a house {down|across} the {street|road}",
                  "My package was left with a neighbour I {don't even know|have never met|never speak to}",
                  "{Marked|Shown} as delivered but {it was|the parcel was} {dropped|left} {at the wrong address|$place}",
                  "{Found|I found} my order {at|on the step of} number $house, not my house",
                  "{Someone|A stranger} {two streets away|across town} {got|received} my {food|order}",
                  "The {photo|proof photo} {shows|showed} a door that {isn't|is not} mine",
                  "{My|The} {order|meal kit} {ended up|was dumped} {$place|in the wrong building}",
                  "Left {outside|on the step of} the wrong {flat|house} {again|in the rain}",
                  "Why can't your {drivers|couriers} {read a house number|find {my|our} {house|flat|street}|follow simple instructions}?",
                  "I had to {go door to door|knock on doors} {to find|looking for} my {order|food}")),
          new Theme(
              DELIVERY,
              "items missing or damaged",
              List.of(
                  "{Half|Most|A third} of the items were missing from my box[ {this week|on $wd}]",
                  "{The|My} delivery came with $item missing and the eggs crushed",
                  "My box arrived {damaged|crushed} and soaking wet",
                  "{Broken|Smashed} jars and leaking milk {all over|everywhere}[ again]",
                  "{Every other|Each} order {has something missing|is missing something}, this week it was $item",
                  "No $bare in {my|the} order {even though|although} I paid for it",
                  "{Opened|Unpacked} it to find {a|the} {squashed|crushed|dented} $food",
                  "{Got|Received} someone else's {ingredients|groceries} instead of mine",
                  "The {ice|cool} packs had melted and the {meat|fish} was warm",
                  "{Two|Three|Half} of the recipes {couldn't|could not} be made {because|as} {ingredients|things} were missing",
                  "Where is the $bare I ordered?")),
          new Theme(
              SUPPORT,
              "waited hours for an agent",
              List.of(
                  "I waited $hours hours to speak to an agent",
                  "Customer service kept me on hold for {over an hour|ages|$mins minutes}[ {on $wd|this morning|again}]",
                  "The chat says {someone|an agent} will be with you shortly and then nothing for $hours hours",
                  "I spent $hours hours in the support queue and nobody picked up",
                  "The hotline {is useless|never answers}, I {gave up|hung up} after $mins minutes",
                  "It took $hours hours to get a human {on the phone|to reply}",
                  "{Rang|Called} you {$n times|three times|four times} {today|this week} and {never|didn't} get through",
                  "Why is the wait {so|this} long {every time|whenever} I {call|need help}?",
                  "Your phone line {plays|played} the same song for $mins minutes[ before cutting me off]",
                  "{Number|Position} $qa in the queue, {an hour|$hours hours} later still {number|position} $qb",
                  "{Nobody|No one} {answers|responds to} {emails|messages} for {days|a week}")),
          new Theme(
              SUPPORT,
              "ticket closed without an answer",
              List.of(
                  "My ticket was closed without anyone {answering|reading|looking at} it",
                  "Support marked my {ticket|request} as resolved but never replied",
                  "They closed the ticket and the problem is still there",
                  "I opened $n tickets and all of them were closed without a real answer",
                  "The agent {closed|answered} my request with a {useless|generic} copy-paste reply",
                  "{Got|Received} an automated {email|message} saying my issue {was|is} {fixed|solved} when it {wasn't|isn't}",
                  "{Every|Each} time I {write|complain}, I get a {canned|template} {answer|response} that ignores my question",
                  "{My|The} {complaint|case} {vanished|disappeared} {without a trace|after a week}",
                  "{Was|I was} told {someone|a manager} would {call|email} me back, {never happened|nobody did}",
                  "{Asked|I asked} {a simple question|for help} and {got|received} a {survey|rating request} instead of an answer",
                  "Why {was|is} my issue {resolved|closed} when {nobody|no one} {fixed|looked at} it?")),
          new Theme(
              CHECKOUT,
              "promo code not accepted",
              List.of(
                  "The promo code $code was not accepted at checkout",
                  "Checkout kept saying my coupon was invalid[ even though it came in your email]",
                  "I tried to apply $code in the basket and got an error every time",
                  "The discount code from your email does not work in the cart",
                  "{The|Your} voucher $code {failed|was rejected} {three times|twice}",
                  "{Your|The} {offer|deal} from {the email|your mail} {just|simply} {doesn't|won't} apply",
                  "{It|The site} {says|said} $code {has expired|is expired} {but|even though} it's valid until {$wd|next month}",
                  "{Entered|Typed in} $code {and|but} the total {didn't|did not} {change|go down}",
                  "{No|Zero} discount {applied|was applied} {even though|although} I {used|entered} {the|your} code",
                  "{Why|How come} {doesn't|won't} {my|the} $pct percent off code work?",
                  "The {referral|welcome} {code|offer} {my friend sent|from my friend} {is|was} {rejected|refused}")),
          new Theme(
              CHECKOUT,
              "payment page crashed",
              List.of(
                  "The payment page crashed twice when I tried to place my order",
                  "Checkout froze on the payment step[ and I gave up]",
                  "I got a server error at checkout after entering my card details",
                  "{The|Your} payment page keeps spinning and then shows an error",
                  "{I could not|Couldn't} finish checkout, the page crashed at the last step",
                  "Checkout broke again and I lost my whole basket",
                  "{Every time|Whenever} I press pay the {app|site} {crashes|closes|freezes}",
                  "{Stuck|Got stuck} on a {blank|white} screen after {entering|typing} my card {number|details}",
                  "{Error|Error code} $err {when|as soon as} I {try|tried} to {pay|complete the order}",
                  "{Not sure|No idea} if my order went through, the {app|site} {crashed|died} {mid-payment|while paying}",
                  "{Tried|I tried} {three|$n} {cards|times} and the order {never|would not} go through")),
          new Theme(
              SEARCH,
              "search results irrelevant",
              List.of(
                  "The search results are completely irrelevant, I typed $dish and got desserts",
                  "The search never finds the dish I'm looking for",
                  "Searching for {vegan|veggie} options shows meat dishes",
                  "Search is useless, the results have nothing to do with what I type",
                  "I searched for {gluten free|dairy free} and got {pasta|cheese}",
                  "{Typing|Type} $dish {gives|returns|shows} {me|} {nothing|soup recipes|random stuff}",
                  "{Looking for|Trying to find} $dish {is|was} {impossible|hopeless}, it just shows {the same|unrelated} {meals|dishes}",
                  "Why does {looking up|typing} $dish {show|bring up} {cakes|desserts|salads}?",
                  "{Nothing|No result} {comes up|shows up} for {dishes|things} I know you sell",
                  "{The|Your} search {ignores|doesn't understand} {spelling|plurals|simple words}",
                  "{The top|The first} {results|hits} are always {sponsored|the same} {junk|items}, not what I asked for")),
          new Theme(
              SEARCH,
              "filters slow and unresponsive",
              List.of(
                  "The filters on the menu take forever to load",
                  "Clicking the vegetarian filter does nothing[, I had to click it five times]",
                  "The catalogue is so slow when I filter by allergens",
                  "The filters are unresponsive and the whole menu lags",
                  "The menu page takes ages to load every single time",
                  "{Scrolling|Browsing} {the|this week's} {recipes|meals} {lags|stutters} {so|really} badly on my phone",
                  "{Ticking|Selecting} {dairy free|low carb|kid friendly} {freezes|hangs} the {page|app}",
                  "{It takes|Takes} $secs seconds before anything {appears|shows up} {when|after} I {sort|narrow down} {meals|dishes}",
                  "{I have to|Have to} {tap|click} {every|each} {option|checkbox} {three|$n} times before it {reacts|registers}",
                  "Why is {choosing|picking} meals {so|this} slow?",
                  "The {allergen|diet} {options|toggles} {reset|clear} themselves {every time|whenever} the page reloads")),
          new Theme(
              ACCOUNT,
              "password reset email never arrives",
              List.of(
                  "The password reset email never arrives",
                  "I requested a new password $n times and never got the email",
                  "I can't log in because the reset link never shows up in my inbox",
                  "Password reset is broken, no email, not even in spam",
                  "Still no reset link after $n attempts",
                  "{Forgot|I forgot} my {details|credentials} and {your|the} recovery {email|mail} {never came|didn't come}",
                  "{Pressed|Hit|Clicked} forgot password {$n|several} times, {nothing|not a thing} {arrived|came}",
                  "{I'm|I've been} locked out {for days|since $wd} because the verification {text|code} never {comes|arrived}",
                  "Where is the link to change my password?",
                  "{The|Your} reset link {arrives|came} {hours|a day} later and {has|had} already expired",
                  "{Checked|I checked} {spam|junk|every folder} and there's still nothing from you to {get back in|regain access}")),
          new Theme(
              ACCOUNT,
              "login keeps failing",
              List.of(
                  "The login page keeps sending me back to the start",
                  "I get logged out every time I open the app",
                  "Login fails with an error even with the right password",
                  "I'm stuck in a loop between the login screen and the home screen",
                  "Logging in takes $n attempts every single time",
                  "The app {says|tells me} my {details|credentials} are wrong {when|but} they {aren't|are not}",
                  "{Can't|Cannot} get into the app on my {phone|laptop} since the {update|last update}",
                  "{Keep|I keep} {getting|being} {kicked|thrown} out {mid-order|halfway through|every few minutes}",
                  "{Why|How come} do I {have to|need to} sign in {again|twice} {every day|each time}?",
                  "{The|Your} {two-factor|verification} {code|step} {fails|loops} {every time|and sends me back}",
                  "{Face ID|Fingerprint} {unlock|sign in} {stopped working|never works} since {the update|last week}")),
          new Theme(
              CANCELLATION,
              "hard to cancel, pushed retention offers",
              List.of(
                  "Cancelling my subscription took forever, it kept pushing retention offers",
                  "I had to click through $n offers before I could cancel",
                  "The cancellation page sends you round in circles",
                  "It is {ridiculous|absurd} how hard it is to cancel",
                  "Trying to cancel was a horrible maze of {discounts|deals} and pop-ups",
                  "{Wanted|I wanted} to {stop|end} my {plan|membership} and {got|was shown} {offer after offer|$n different deals}",
                  "There's no {button|way} to {quit|leave|stop} {online|in the app}, {I had to|you have to} {phone|ring} you",
                  "{Why|How come} do I need to {call|phone} {someone|you} to {stop|end} my {membership|plan}?",
                  "{Ending|Stopping} my {membership|plan} should take one click, not {ten|$n} {screens|pages}",
                  "{Every|Each} time I try to leave, {you throw|the app throws} {another|a new} {deal|discount} at me",
                  "{Tried|I tried} to unsubscribe {three|$n} times and I'm still a member")));

  /** How customers refer to a touchpoint when they vent about it (names its keywords). */
  static final Map<Touchpoint, String> NOUN =
      new EnumMap<>(
          Map.of(
              DISCOVERY, "{homepage|newsletter|adverts}",
              SIGNUP, "{sign up|registration}",
              ONBOARDING, "{onboarding|tutorial}",
              SEARCH, "{search|menu search|filters}",
              CHECKOUT, "{checkout|basket|cart}",
              DELIVERY, "{delivery|courier|delivery service|deliveries}",
              BILLING, "{billing|billing department|invoices}",
              SUPPORT, "{customer service|support|support team}",
              ACCOUNT, "{login|account page|password system}",
              CANCELLATION, "{cancellation process|cancellation page}"));

  /** Venting about a touchpoint after a complaint (names it, no planted theme). */
  static final List<String> VENT =
      List.of(
          "[$frank, ]your $noun is {a mess|a joke|a shambles|going downhill|the worst part of the service|not fit for purpose}",
          "{I'm|We're} {sick|tired} of {chasing|fighting with} your $noun",
          "{Sort|Fix} {out|} your $noun[, please]",
          "{This is|That's} {the|my} $nth {problem|issue} with your $noun this {month|year}",
          "I {don't|no longer} trust your $noun {anymore|at all}",
          "{Honestly|Seriously}, $int {poor|bad|sloppy} $noun",
          "Your $noun {used to be|was} {great|fine|good} {a year ago|before}, what happened?",
          "{Who|Whoever} {designed|runs} your $noun {should be|needs to be} {embarrassed|ashamed}",
          "$int {disappointed|fed up} with {the|your} $noun[ lately]");

  /** Negative remarks that name no touchpoint: attributed to the row's touchpoint, if any. */
  static final List<String> IMPLICIT_NEGATIVE =
      List.of(
          "{$int|Just|Honestly|Utterly|Properly} {frustrating|annoying|disappointing|poor|infuriating|maddening|exhausting}[ {all round|as usual|once again|this time}]",
          "{This is|It's|Honestly this is|That's|Frankly that's|This really is} {not good enough|unacceptable|a joke|ridiculous|shocking|beyond a joke|just lazy}[ {anymore|at this point|for the price|for what I pay|for a paid service|in $year}]",
          "{I'm|We're} {seriously|really|actually|now|genuinely} {thinking about|considering|close to} {leaving|going elsewhere|switching to $rival|giving up on you}[ {because of this|after this|if this continues|unless something changes}]",
          "{$nthc|The $nth} time this has happened[ {this month|in a row|since $month|in $weeks weeks|since I joined}]",
          "{Not|Really not|Not at all|Honestly not|Far from} impressed[ {at all|to be honest|this time|with any of this|by this|today}]",
          "{Very|So|Extremely|Deeply|Pretty|Massively} disappointed[ {as a loyal customer|after $years years|to be honest|with this order|in you|this $wd|by how this went}]",
          "{I|We|My $kid and I} {expected|expect|deserve} {better|more|a lot more|far better} {from you|for the money|for $amt a week|after $years years}",
          "{What a|Such a|Honestly what a|Absolute} {waste of time|shambles|let-down|mess|headache|palaver|farce|nightmare}[ {this has been|from start to finish|this week|on a $wd night}]",
          "{Why does this|How does this|How can this|Why on earth does this|Why must this|How is it that this} keep{s|} happening[ {to me|every month|every week|to us|with every order|since $month|in $year}]?",
          "{Is anyone|Is anybody} {there|listening|reading these|awake over there|working on this}[ {at all|today|on $wd|anymore}]?",
          "{Does anyone|Does anybody} {there|over there|at your end} {actually |}{read these|care|check these messages}[ {anymore|at all}]?",
          "{It|This} {ruined|spoiled|wrecked} {our|my} {evening|weekend|dinner plans|$wd|$kid's birthday|week}",
          "{Honestly|Frankly|At this point|Right now} {I'm|we're} {done|losing patience|close to giving up|at the end of my rope}[ {with you|on this|after $years years}]",
          "{I've|We've} wasted {$n hours|$mins minutes} on this {already|today|so far}",
          "{Nobody|No one} {takes responsibility|seems to know anything|ever follows up}[ {it seems|apparently|as usual}]",
          "{I|We} {pay|are paying} {good money|$amt a week|full price} for {this|a service like this}?");

  /** Praise of a touchpoint (names it). */
  static final Map<Touchpoint, List<String>> POSITIVE =
      new EnumMap<>(
          Map.of(
              DISCOVERY,
              List.of(
                  "{A friend|My sister|A colleague|My neighbour|My mum|Someone at work} {sent|showed} me your {homepage|home page} and {everything|it all} {is|was} $int clear",
                  "The pricing page made it $int easy to compare {plans|the options|the $plan plan with the others}",
                  "{I love|We love|I really like|My $kid loves} the {ideas|recipes|stories|$dish recipes} on your blog[, that's how I found you]",
                  "Your adverts made me curious and {I'm|we're} {glad|happy|so glad|really pleased} I {tried|gave} it[ a go][ {in $month|last year}]",
                  "The newsletter {always|usually|often} has $good {ideas|recipes|tips} for the {week|weekend|holidays}",
                  "{Found|I found|We found} you through {an advert|your blog|the newsletter of a friend} {in $month|$years years ago|last year} and {have not|haven't} looked back"),
              SIGNUP,
              List.of(
                  "Signing up was $good and took {two|a couple of|five|$n} minutes[ {on my phone|on the laptop}]",
                  "Registration was {quick|painless|simple|straightforward} and {easy|clear}[, {well done|nice one}]",
                  "The free trial sign up was $good[ {and|,} {no|zero} {fuss|hassle|card tricks}]",
                  "$int smooth signup[, {I|we} loved it][ {in $month|this week}]",
                  "{Signed up|Signing up} {on my phone|in the app|on the laptop} {on the train|in a few taps|during lunch|in $secs seconds} - $int easy"),
              ONBOARDING,
              List.of(
                  "The onboarding questions helped me pick {meals|$dish dishes|recipes} {I|we|my $kid} actually {like|enjoy|eat}",
                  "{I|We} loved the welcome tour, $int clear[ {and short|and friendly}]",
                  "The tutorial was $good and made the first {week|meal|order} {easy|a breeze|stress-free}",
                  "$good onboarding, {I|we} knew exactly what to do[ {from day one|straight away}]",
                  "The {first-week|starter|intro} tutorial {explained|showed} {everything|the basics|how it all works} {nicely|clearly|in $n minutes}"),
              SEARCH,
              List.of(
                  "The menu is {easy|a pleasure|a joy|quick} to browse[ {on my phone|on the tablet}] and the filters work $wellly",
                  "Search works $wellly and finds exactly {what I want|the $dish I want|what I'm after|$dish in seconds}",
                  "{I|We} love the {variety|choice|range} on the {weekly|new|$month|seasonal} menu",
                  "Filtering by {allergens|diet|cooking time|calories|cuisine} is $int {handy|useful|helpful}[ {for us|for my $kid}]",
                  "The new catalogue of {household goods|pantry items|snacks|$bare and more} is $good",
                  "The menu changes {every week|weekly|all the time} and there's always something {new|different|exciting} to {try|cook}[ {like $dish|for the kids}]",
                  "{I|We} can always search up a $dish recipe in {seconds|no time|two taps}"),
              CHECKOUT,
              List.of(
                  "Checkout is $good, {quick|fast|painless} and {easy|simple|clear}",
                  "Adding {extras|desserts|a few snacks|breakfast items|$bare|a bottle of wine} to the basket is {simple|easy|quick} and {fun|quick|painless}",
                  "{Paying|Paying by card|Paying with my phone} at checkout is {$good|$int easy|$int quick}, it takes {seconds|no time at all|$secs seconds|a couple of taps}",
                  "The {promo code|discount code|voucher}[ $code] {worked|went through|applied} {first time|straight away|without a hitch|on my $nth order|in the app|on $wd}[, {nice|lovely|$good}]",
                  "{I|We} love how {fast|smooth|simple} the checkout is {in the app|on the website|on my phone|on the tablet}",
                  "{Reordering|Ordering|Repeating} {last week's|my usual|the $wd|our family} basket takes {one tap|two clicks|$secs seconds}"),
              DELIVERY,
              List.of(
                  "The box {always|usually|reliably} arrives {on time|before $time|early} and {well|nicely|neatly} packed",
                  "Our driver[, $agent,] is {lovely|so kind|a star|brilliant|a legend} and {always|nearly always} on time",
                  "Tracking is $good and accurate to the {minute|half hour}",
                  "{The|This week's|Last week's|$wd's} delivery was {right|bang|spot} on time and {everything|all of it|the veg|the $food} was {fresh|cold|perfect}",
                  "The courier was $int {friendly|polite|helpful}[ and {careful|quick|chatty}]",
                  "My parcel came {a day early|earlier than expected|before $time}, $good service",
                  "{The|Our} box {was waiting|arrived} {on the doorstep|before $time|in the porch} as promised[ on $wd]"),
              BILLING,
              List.of(
                  "Billing is $good and the invoices are easy to {download|read|understand}",
                  "My refund[ of $amt] came through in {two|a couple of|three|$days} days, $good",
                  "Billing has always been {perfect|spot on|clear|fair}[ {for us|in $years years|since $year}]",
                  "The invoice breakdown is $int helpful[, $good job]",
                  "{Switching|Changing|Moving} the {direct debit|billing date} {to $wd|to the end of the month|} was {easy|painless|quick}"),
              SUPPORT,
              List.of(
                  "Support was $good and sorted my issue in {minutes|no time|$mins minutes}",
                  "The agent on chat[, $agent,] was {friendly|lovely|kind|patient} and {helpful|quick}",
                  "{Customer service|The support team|Your support people|Your customer service team} {went|really went|once again went} above and beyond[ {for us|this time|again|when my $kid was ill|on $wd|last week|in $month}]",
                  "Support gave me a $good, {helpful|clear|honest} answer[ {on $wd|straight away}]",
                  "The help desk was {$good|$int helpful|$int quick} and {fixed|solved|sorted} my problem the same {day|morning|afternoon|evening}",
                  "$agent {from|in} support {was|has been} {amazing|a lifesaver|so patient|a star}[ {this week|on $wd}]"),
              ACCOUNT,
              List.of(
                  "{Changing|Updating|Editing} my account settings is {easy|simple|quick|painless|$int easy}[ {now|these days|on the app|since the update}]",
                  "Logging in with {my phone|face unlock|my fingerprint|a magic link} is {smooth|quick} and {pleasant|reliable}",
                  "Updating my {profile|address in my profile|dietary preferences in my profile|photo in my profile} was {easy|simple} and {pleasant|quick}",
                  "{I|We} {love|really like} the new account page, {everything|all my details|all our details} {is|are} in one place",
                  "{Adding|Changing} {my address|a second card|my phone number} in {my|the} account {took|takes} {seconds|a minute}"),
              CANCELLATION,
              List.of(
                  "{Pausing|Skipping a week|Skipping $weeks weeks} instead of cancelling was a $good option[ {over the summer|for our holiday}]",
                  "The cancellation was {quick|easy} and friendly[, $good][, {I'll be back|we'll be back} {in $month|after the move}]")));

  /** What customers put before praise. */
  static final List<String> PRAISE_PREFIX =
      List.of(
          "As always,",
          "This week",
          "Honestly,",
          "Once again",
          "For what it's worth,",
          "I must say",
          "Ever since {we|I} joined,",
          "{Really|Just|So} happy that",
          "Credit where it's due:",
          "Lately",
          "Since $month",
          "Over the {last|past} {few months|year|$n weeks}");

  /** Warm tails customers add to praise. */
  static final List<String> PRAISE_TAIL =
      List.of(
          ", {thank you|thanks|cheers}[ {so much|guys|team|a lot}]",
          " - {love it|well done|keep it up|10/10|five stars}",
          ", {honestly|genuinely|really} {impressed|chuffed|pleased}",
          " {as always|every time|every single week}",
          ", {which|and that} is {why|the reason} {we|I} {stay|stayed|keep ordering}",
          ", {so|and} {thank you|thanks}[ {team|all|everyone}]",
          " - {my|our} $kid {loves|noticed|commented on} it too",
          ", {which|and that} {makes|made} {my|our} {week|evening|life easier|$wd}");

  /**
   * Mild gripes about touchpoints whose negativity is not planted as pain (cancellation's gripes
   * are its planted theme).
   */
  static final Map<Touchpoint, List<String>> MILD_NEGATIVE =
      new EnumMap<>(
          Map.of(
              DISCOVERY,
              List.of(
                  "The pricing page is {a bit|rather|quite|really} {confusing|unclear|hard to follow}[ {on mobile|about the $plan plan}]",
                  "Your homepage is cluttered with {annoying|too many|endless} {pop-ups|banners|offers}[ {these days|lately}]",
                  "The adverts are {a bit|rather|quite} misleading about {the portions|portion sizes|what you get|the price}",
                  "Too many newsletter emails[, {$n|three|four} a week], it gets {annoying|a bit much|tiring}"),
              SIGNUP,
              List.of(
                  "Signing up took {far|way|much} too long[ {on my phone|on the laptop}]",
                  "The registration form asked for {far|way} too much {information|personal detail}",
                  "The sign up form kept rejecting my {postcode|phone number|name}[, frustrating]",
                  "The free trial hides the real price until the {end|last step}[, which is {bad|sneaky|a bit cheeky}]"),
              ONBOARDING,
              List.of(
                  "The onboarding questions were {tedious|a bit long|repetitive}[ and confusing]",
                  "The tutorial was {useless|too long|patronising} and skipped the bit I needed",
                  "{I|We} found the welcome tour {a bit|rather|quite} {pointless|slow|long-winded}")));

  static final List<String> GENERIC_POSITIVE =
      List.of(
          "{Overall|All in all|Honestly|On the whole} {I'm|we're} $int {happy|pleased|satisfied} with {the service|you|everything|how it works}",
          "{Keep up|Please keep up|Carry on with} the {good|great|amazing|brilliant|excellent|fab} work[ {team|guys|everyone|all|in the kitchen|folks}][, $first]",
          "The {food|meals|recipes|dishes} {is|are} $int {delicious|tasty|good} and the portions are {generous|decent|filling}",
          "{Great|Good|Excellent|Decent|Brilliant|Fair|Solid} value for {money|the price}[, {honestly|really|compared to $rival|in my opinion}]",
          "I would {definitely|happily|100%|absolutely} recommend you to {friends|family|anyone|my colleagues|my neighbours}[ {already have|in a heartbeat}]",
          "{I've|We've} been {a customer|with you} for $years years and {I|we} {love|still love|really enjoy} it",
          "The recipes are {tasty|lovely|really good|spot on|clever|$int good} and {easy|simple|quick|fun} to follow[, even for my $kid][ {on a weeknight|after work}]",
          "$int happy[, thanks][ {so far|overall}]",
          "{Love|Loving} the {new|seasonal|$month} recipes[, {especially|in particular} the $dish]",
          "{You've|You have} made {weeknight|midweek|family} cooking {so much|a lot|loads} easier for {us|me|my $kid}",
          "The $dish {last week|on $wd|this week} was {amazing|the best thing I've cooked|a hit with my $kid}",
          "{Everything|The whole thing|It all|The service} {just works|works well|runs smoothly|is easy|is reliable}[ {for us|week after week|for our family|most of the time|since $month}]");

  static final List<String> NEUTRAL =
      List.of(
          "I {mostly|usually|normally} order {on weekends|midweek|for $people people|on $wd|on $wd evenings}",
          "We have $people people at home[ and {one is|two are} {vegetarian|vegan|gluten-free}]",
          "{I|We} use the {app|phone app} {more than|far more than|instead of} the website[ {these days|now|since $month}]",
          "I changed my {email address|phone number|address} {last month|in $month|recently|on $wd}",
          "{We|I} {skip|pause} {a week|now and then|the odd week} {when we travel|in the holidays|in $month}",
          "{My|Our} {partner|flatmate|daughter|son|mum} {usually|normally|always} does the ordering[ {on $wd|these days}]",
          "{We|I} cook {$n|two or three|most} {nights|evenings} a week[ with {the kit|your recipes}]");

  /** Context customers give before a complaint (no touchpoint, no theme). */
  static final List<String> CONTEXT =
      List.of(
          "{I've|We've} been {with you|a customer|a subscriber|ordering from you} {for $years years|since $year|since $month $year|for about $years years|for over $years years}[, {mostly happy|no complaints until now|never had an issue before|usually happy}]",
          "{We|I} ordered {for|specially for|this week's meals for|the bigger kit for} {my $kid's birthday|a family dinner|guests on $wd|a picnic|our anniversary|a dinner party|the week of $month $day|a friend's visit|$people people on $wd}[ {last week|this week|in $month}]",
          "{So|OK so|Right, so|Okay, so} this {happened|is what happened} {last week|on $wd|yesterday|on $wd night|over the weekend|on $month $day}",
          "{I|We} {usually|normally|generally} {love|like|enjoy|rate} {the service|your food|what you do|the $dish recipes}[ {to be fair|honestly}]",
          "{Bit of|Some|Quick} background: {we|I} {order|get} $people meals {a week|every week|most weeks}[ {on the $plan plan|for the family}]",
          "{This is|It's} the first time I've {written|complained|left a review|contacted you|had to write|felt the need to write} {in $years years|ever|about anything|since $year|to any company|in my life}[, {so|and} {bear with me|here goes|that says something}]",
          "{I|We} {signed on|joined|started} {in|back in} $month[ $year] {on a deal|after a friend recommended you|with a $pct% offer|on the $plan plan}",
          "{Long story short|Bottom line|In short|Basically|The thing is}, {we|I} {rely on you|need this to work|have $people mouths to feed|can't plan meals like this|have run out of patience|work late on $wd|don't have time for this}[ {anymore|right now|these days|on weeknights|with $people people at home}]",
          "{I am|We are|I'm|We're} on the $plan plan[ {for $people people|since $month|at $amt a week|with $people meals a week|and have been for $years years}]");

  /** The start of a long story, joined to the complaint in one sentence. */
  static final List<String> LONG_CONTEXT =
      List.of(
          "{We|I} ordered on $wd for {my $kid's birthday|a dinner with friends|the whole family}"
              + " and {paid extra|chose the bigger meal kit|added desserts and snacks} because"
              + " {it was a special occasion|we had guests coming|we wanted to treat ourselves}"
              + "[ and {everyone|the whole family} was {looking forward to it|excited}]",
          "After {$years years|a long time} as {a loyal|a happy|a paying} customer[ who"
              + " {recommended you to everyone|never complained|always paid on time}], {I|we}"
              + " {finally|honestly} {hit a wall|lost patience} {this week|on $wd|last month}",
          "{My|Our} {week|weekend} was {already|really} {busy|stressful} with {work|the kids|a"
              + " house move} and {I|we} {counted on|relied on} {you|this service} to make"
              + " {dinner|things} {easy|one less worry}");

  /** Requests and sign-offs that close a complaint. */
  static final List<String> CLOSER =
      List.of(
          "{Please|Pls|Kindly|Can you please} {fix|sort|look into} this[ {asap|soon|today|by $wd|before my next order}]",
          "{Thanks|Thank you|Cheers|Many thanks|Thanks a lot|Ta}[ {in advance|for reading|for listening|for your help|for your time|for nothing}][, $first]",
          "{I'd|I would} {appreciate|like|expect} a {reply|call back|proper answer|response}[ {this week|soon|by $wd|within $days days}]",
          "{Regards|Cheers|Thanks|Best|Kind regards}, $first",
          "{Let me know|Tell me|Please explain|I want to know} {what you're going to do|how you'll fix it|when this will be sorted|what happens next|who is responsible}[ {by $wd|this week|asap}]",
          "{Do better|Do something about it|Get it together|Sort yourselves out|Step up}, {please|seriously|I'm begging you|guys|$brand}",
          "{Hope|I hope|Fingers crossed} {this gets|someone gets|somebody gets} {sorted|fixed|read|looked at}[ {this time|before $wd}]",
          "{Waiting|Still waiting|I'll be waiting} for {your reply|an answer|a fix}[ {since $wd|$days days now}]");

  /** Openers customers put before their first sentence. */
  static final List<String> OPENER =
      List.of(
          "Hi,",
          "Hi team,",
          "Hello,",
          "Hey,",
          "Honestly,",
          "So",
          "Well,",
          "Ok so",
          "Just a heads up:",
          "Once again",
          "Not happy:",
          "Dear $brand,",
          "To be honest,",
          "I have to say,",
          "Ugh,",
          "Apparently");

  /** When: appended to a sentence before its end mark. */
  static final List<String> WHEN =
      List.of(
          " again",
          " this week",
          " today",
          " yesterday",
          " last night",
          " on $wd",
          " this morning",
          " this time",
          " as usual",
          " once more",
          " for the $nth time",
          " in $month",
          " since $month",
          " lately",
          " these days",
          " two weeks in a row",
          " on $wd evening",
          " over the {weekend|holidays|bank holiday}");

  /** To whom or how: appended to a sentence before its end mark. */
  static final List<String> HOW =
      List.of(
          ", guys",
          ", team",
          ", honestly",
          ", to be honest",
          ", tbh",
          ", folks",
          ", seriously",
          ", I must say",
          ", just saying",
          ", for real",
          ", no joke",
          " lol",
          ", fyi");

  /** Openers before praise. */
  static final List<String> POSITIVE_OPENER =
      List.of(
          "Just wanted to say",
          "Hi,",
          "Honestly,",
          "Quick note:",
          "{I have to|Have to} say,",
          "Hello team,",
          "Wow,");

  /** Trailing evaluations customers add to a complaint. */
  static final List<String> EVALUATION =
      List.of(
          ", which is {awful|ridiculous|unacceptable|not ok|a joke|really poor|shocking}",
          " - {not good enough|so annoying|not impressed|really poor}",
          ", {absolutely|totally|completely} {ridiculous|unacceptable|useless}",
          ", $int {annoying|frustrating|disappointing}",
          " and {nobody|no one} seems to care",
          " and I'm {fed up|done|livid|furious}",
          " {again|once more}",
          ", {terrible|awful|poor} {service|experience}",
          ", {what a joke|how hard can it be|seriously}");

  /** Non-English lines (the English pipeline cannot read them; the job keeps the rows). */
  static final List<String> NON_ENGLISH =
      List.of(
          "El pedido llegó {tarde|con retraso|$njours horas tarde} {otra vez|de nuevo|el $wdes} y nadie {responde|contesta}",
          "Me cobraron dos veces {este mes|la semana pasada}, quiero un reembolso",
          "Las recetas son {deliciosas|muy buenas|fáciles}[ y los niños las comen], ¡gracias! 🙂",
          "La caja llegó {dañada|rota} y faltaban productos",
          "Die Lieferung kam {zwei|drei} Tage zu spät",
          "Mir wurde {doppelt|zweimal|im $monatde doppelt} abgebucht, bitte erstatten Sie das Geld",
          "Der Kundenservice ist {super|sehr|immer} {freundlich|hilfsbereit|schnell}",
          "{Tolle|Leckere|Einfache} Rezepte, wir sind {sehr|total|wirklich} zufrieden 👍",
          "La livraison était en retard et le colis était {abîmé|mouillé}",
          "{Très bon|Excellent|Super} service, les recettes sont {délicieuses|faciles|variées} 🙂",
          "On m'a facturé deux fois {ce mois-ci|cette semaine}",
          "Impossible de joindre le service client{ depuis $njours jours|}");

  private static final List<String> FIRST_NAMES =
      List.of("jane", "tom", "priya", "lukas", "maria", "sam", "aisha", "oliver", "wei", "fatima");
  private static final List<String> LAST_NAMES =
      List.of(
          "doe", "smith", "patel", "schmidt", "garcia", "jones", "khan", "brown", "li", "okafor");

  /** Test card numbers (Luhn-valid, issued for testing only). */
  private static final List<String> TEST_CARDS =
      List.of("4111 1111 1111 1111", "5555 5555 5555 4444", "4242 4242 4242 4242");

  /**
   * A sentence with personal data, of each kind the engine's redaction handles: phone numbers in
   * international and national form, emails, test card numbers, a long member number, an example
   * IBAN (all fictional).
   */
  static String contactDetails(SplittableRandom r) {
    String first = Visits.pick(r, FIRST_NAMES);
    String last = Visits.pick(r, LAST_NAMES);
    return switch (r.nextInt(7)) {
      case 0 -> String.format("Please call me on +44 7700 900%03d.", r.nextInt(1000));
      case 1 -> "You can reach me at " + first + "." + last + "@example.com.";
      case 2 -> String.format("My number is 07700 900%03d if you need it.", r.nextInt(1000));
      case 3 -> String.format("Email me at %s%02d@example.org please.", first, r.nextInt(100));
      case 4 ->
          Visits.pick(
                  r,
                  List.of(
                      "The card I used is ", "I paid with ", "My card number is ", "Card used: "))
              + Visits.pick(r, TEST_CARDS)
              + Visits.pick(r, List.of(".", " if that helps.", " for the record.", ", check it."));
      case 5 -> String.format("My member number is %08d.", 10_000_000 + r.nextInt(89_999_999));
      default -> "Send the money to " + iban(r) + " please.";
    };
  }

  /** A fictional UK IBAN with valid check digits (bank code TEST, random account). */
  static String iban(SplittableRandom r) {
    String bban = String.format("TEST%06d%08d", r.nextInt(1_000_000), r.nextInt(100_000_000));
    // ISO 13616: move "GB00" to the end, letters to numbers, 98 minus the remainder mod 97.
    StringBuilder digits = new StringBuilder();
    for (char c : (bban + "GB00").toCharArray()) {
      digits.append(Character.isLetter(c) ? Integer.toString(c - 'A' + 10) : String.valueOf(c));
    }
    int check =
        98
            - new java.math.BigInteger(digits.toString())
                .mod(java.math.BigInteger.valueOf(97))
                .intValue();
    String iban = String.format("GB%02d%s", check, bban);
    StringBuilder spaced = new StringBuilder();
    for (int i = 0; i < iban.length(); i += 4) {
      spaced.append(i == 0 ? "" : " ").append(iban, i, Math.min(iban.length(), i + 4));
    }
    return spaced.toString();
  }

  private static final List<String> PLANS = List.of("Plus", "Pro", "Family", "Business", "Lite");
  private static final List<String> WEEKDAYS =
      List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");
  private static final List<String> MONTHS =
      List.of(
          "January",
          "February",
          "March",
          "April",
          "May",
          "June",
          "July",
          "August",
          "September",
          "October",
          "November",
          "December");
  private static final List<String> ITEMS =
      List.of(
          "the chicken",
          "the salmon",
          "the dessert",
          "two recipe kits",
          "the washing-up liquid",
          "the coffee pods",
          "the bread",
          "the spices",
          "the rice",
          "the tofu",
          "the herbs",
          "the cheese",
          "the yoghurt",
          "the pasta",
          "the butter",
          "the mushrooms",
          "the lemons",
          "the dish soap",
          "the granola",
          "the prawns");
  private static final List<String> FOODS =
      List.of("tomatoes", "avocado", "loaf", "eggs", "berries", "pack of mince", "peaches");
  private static final List<String> DISHES =
      List.of(
          "chicken",
          "curry",
          "lasagne",
          "tacos",
          "risotto",
          "salmon",
          "ramen",
          "halloumi",
          "pad thai",
          "chilli",
          "gnocchi",
          "falafel",
          "paella",
          "burrito bowls",
          "katsu",
          "shakshuka",
          "fajitas",
          "dal");
  private static final List<String> PLACES =
      List.of(
          "by the bins",
          "next door",
          "on a random porch",
          "at the corner shop",
          "behind a hedge",
          "at the wrong block",
          "in someone's garden");
  private static final List<String> CODES =
      List.of("SPRING20", "WELCOME10", "FREESHIP", "SUMMER15", "FRIEND25", "SAVE30", "HELLO5");
  private static final List<String> AGENTS =
      List.of(
          "Sarah", "Mo", "Daniel", "Chloe", "Raj", "Emma", "Kofi", "Lena", "Tomasz", "Grace",
          "Yusuf", "Hannah", "Leo", "Mei", "Carlos", "Nadia");
  private static final List<String> RIVALS =
      List.of("a competitor", "another kit company", "the supermarket", "someone else");
  private static final List<String> KIDS = List.of("son", "daughter", "kids", "husband", "wife");
  private static final List<String> NUMBER_WORDS = List.of("two", "three", "four", "five", "six");
  private static final List<String> ORDINALS =
      List.of("second", "third", "fourth", "fifth", "umpteenth");

  /** The text of slot {@code name}; a template itself where it has alternatives. */
  static String slot(String name, SplittableRandom r) {
    return switch (name) {
      case "plan" -> Visits.pick(r, PLANS);
      case "amt" ->
          "£" + (3 + r.nextInt(70)) + Visits.pick(r, List.of(".99", ".49", ".00", ".50", ""));
      case "wd", "wd2" -> Visits.pick(r, WEEKDAYS);
      case "day" -> Integer.toString(1 + r.nextInt(28));
      case "month" -> Visits.pick(r, MONTHS);
      case "year" -> Integer.toString(2018 + r.nextInt(8));
      case "weeks" -> count(r, 2 + r.nextInt(5));
      case "days" -> count(r, 2 + r.nextInt(3));
      case "hours" -> count(r, 2 + r.nextInt(4));
      case "mins" -> Integer.toString(40 + 5 * r.nextInt(11));
      case "secs" -> Integer.toString(5 + r.nextInt(26));
      case "time" -> Visits.pick(r, List.of("8am", "9am", "noon", "lunchtime", "6pm", "breakfast"));
      case "late" -> Visits.pick(r, List.of("9pm", "10pm", "8:30pm", "midnight", "11pm"));
      case "house" -> Integer.toString(3 + r.nextInt(120));
      case "item" -> Visits.pick(r, ITEMS);
      case "food" -> Visits.pick(r, FOODS);
      case "bare" -> Visits.pick(r, ITEMS).replaceFirst("^the ", "");
      case "dish" -> Visits.pick(r, DISHES);
      case "place" -> Visits.pick(r, PLACES);
      case "code" -> Visits.pick(r, CODES);
      case "pct" -> Integer.toString(5 * (2 + r.nextInt(8)));
      case "err" -> Integer.toString(400 + r.nextInt(200));
      case "qa" -> Integer.toString(5 + r.nextInt(20));
      case "qb" -> Integer.toString(2 + r.nextInt(4));
      case "n" -> count(r, 2 + r.nextInt(4));
      case "njours" -> Integer.toString(2 + r.nextInt(9));
      case "wdes" -> Visits.pick(r, List.of("lunes", "martes", "miércoles", "jueves", "viernes"));
      case "monatde" -> Visits.pick(r, List.of("Januar", "März", "Mai", "Juli", "Oktober"));
      case "years" -> count(r, 2 + r.nextInt(4));
      case "people" -> count(r, 2 + r.nextInt(4));
      case "nth" -> Visits.pick(r, ORDINALS);
      case "nthc" -> capitalize(Visits.pick(r, ORDINALS));
      case "agent" -> Visits.pick(r, AGENTS);
      case "first" -> capitalize(Visits.pick(r, FIRST_NAMES));
      case "rival" -> Visits.pick(r, RIVALS);
      case "kid" -> Visits.pick(r, KIDS);
      case "brand" -> Visits.pick(r, List.of("team", "Painpoint Kitchen", "all", "Sir or Madam"));
      case "frank" -> Visits.pick(r, List.of("Honestly", "Frankly", "Seriously", "To be fair"));
      case "int" ->
          Visits.pick(
              r,
              List.of("really", "so", "very", "seriously", "absolutely", "pretty", "incredibly"));
      case "good" ->
          Visits.pick(
              r,
              List.of(
                  "great", "excellent", "brilliant", "fantastic", "wonderful", "lovely", "superb"));
      case "wellly" -> Visits.pick(r, List.of("well", "great", "brilliantly", "perfectly"));
      default -> null;
    };
  }

  private static String count(SplittableRandom r, int n) {
    return r.nextBoolean() ? Integer.toString(n) : NUMBER_WORDS.get(n - 2);
  }

  static String capitalize(String s) {
    if (s.isEmpty()) {
      return s;
    }
    int cp = s.codePointAt(0);
    return new StringBuilder()
        .appendCodePoint(Character.toUpperCase(cp))
        .append(s.substring(Character.charCount(cp)))
        .toString();
  }

  static String decapitalize(String s) {
    if (s.length() > 1
        && Character.isUpperCase(s.charAt(0))
        && Character.isLowerCase(s.charAt(1))
        && !s.startsWith("I ")
        && !s.startsWith("I'")) {
      return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
    return s;
  }

  /** Expands a template with this bank's slots; {@code noun} fills {@code $noun}, if any. */
  static String expand(String template, SplittableRandom r, Touchpoint noun) {
    return Grammar.expand(
        template,
        r,
        (name, rr) -> "noun".equals(name) && noun != null ? NOUN.get(noun) : slot(name, rr));
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
          new String[] {"friendly", "freindly"},
          new String[] {"separate", "seperate"},
          new String[] {"waiting", "wating"},
          new String[] {"their", "thier"},
          new String[] {"nothing", "nothin"});

  /**
   * One typo: a common misspelling where the text has one, else a slip of the keyboard in one word
   * of five letters or more (two letters swapped, one dropped or one doubled).
   */
  static String typo(String text, SplittableRandom r) {
    for (String[] t : TYPOS) {
      int at = text.indexOf(t[0]);
      if (at >= 0 && r.nextBoolean()) {
        return text.substring(0, at) + t[1] + text.substring(at + t[0].length());
      }
    }
    String[] words = text.split(" ", -1);
    int tries = 0;
    while (tries++ < 8) {
      int i = r.nextInt(words.length);
      String w = words[i];
      if (w.length() < 5 || !w.chars().allMatch(Character::isLetter)) {
        continue;
      }
      int p = 1 + r.nextInt(w.length() - 2);
      words[i] =
          switch (r.nextInt(3)) {
            case 0 -> w.substring(0, p) + w.charAt(p + 1) + w.charAt(p) + w.substring(p + 2);
            case 1 -> w.substring(0, p) + w.substring(p + 1);
            default -> w.substring(0, p + 1) + w.substring(p);
          };
      return String.join(" ", words);
    }
    return text;
  }

  static final List<String> ANGRY_EMOJI = List.of("😡", "😤", "👎", "🙁", "🤬", "😠", "🙄");
  static final List<String> HAPPY_EMOJI = List.of("🙂", "👍", "😍", "❤️", "🎉", "😋", "🙌");

  static String lowerCase(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
