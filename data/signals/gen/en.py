# English training phrasings, written by the project (see ../README.md). P: positives, N: hard
# negatives (benign mentions, negations, policy questions, resolved incidents), T: short add-ons
# that may follow a positive, O: ordinary support tickets.
P, N, T = {}, {}, {}
P["security"] = """
someone logged into our account from Russia and created API keys
we got hacked. all user passwords were changed overnight
There are logins from Nigeria and Vietnam on the owner account, none of us were there
our customer list showed up on a hacker forum with your export format
I think my credentials were stolen, I never requested the password reset emails I'm getting
an attacker used the forgotten password flow to take over three of our agent accounts
Got a fake invoice email from your domain with a link to a login page, two colleagues typed their passwords
a script is scraping our customers' personal data through your public API without auth
URGENT: possible breach, our clients receive emails quoting their tickets from an unknown sender
The webhook secret leaked in a public GitHub repo and now somebody is posting fake orders
ransomware hit our office and the connector server is encrypted, please revoke its tokens
I'm seeing another tenant's customers in my search results, that's a serious privacy leak
Our former contractor still logs in and downloads reports, we removed him weeks ago
someone disabled MFA on the admin and added a new admin called support-team2
Your attachment links are guessable, I could open other companies' files by changing the number
Bank details on our payout profile were changed by someone who isn't us, money went elsewhere
There's a keylogger on one agent PC and he used your app, assume his session is compromised
our SSO was bypassed, people without an account in our IdP got into the workspace
We've been breached. Need the audit logs of the last 30 days asap
customers are getting SMS with a phishing link that uses our name in your sender ID
API token appears in your error page stack trace, visible to anyone
the account was compromised and used to send spam to 20k contacts
An unknown IP downloaded our complete contact database at 3am
Please freeze the account immediately, someone is inside and deleting things
XSS in the chat widget: a visitor injected a script that steals agent cookies
Our patients' records were emailed to a wrong address by your automation, this is a data leak
Session hijack? I was logged out and someone else is using my account right now
Your support portal showed me a stranger's passport scan
we found a backdoor user with full permissions that nobody here created
the reset password email goes to an address that isn't ours, someone changed it
Credential stuffing attack on our login, hundreds of accounts accessed
GDPR incident: personal data of 4,000 customers exposed through your share link
malware came in through a file uploaded to a ticket and infected the agent's laptop
Someone impersonated your support team on the phone and got our admin to read out the 2FA code
hackers are using our account to mine crypto on the compute add-on
Security alert: a new device in Brazil signed in with my password and changed the recovery phone
the S3 bucket with our exports is public, anyone with the URL can download everything
I received a data export I never requested, so somebody else may have too
our API keys were used from a data center we don't know, thousands of calls per minute
Dear team, we have reason to believe your systems leaked our contact data, spam started the day after we uploaded it
The privileges of a basic user were escalated to owner without anyone approving
Unauthorised charges after someone got access to the billing page with our saved card
found our internal notes indexed by Google, they were supposed to be private
Phishing: the mail says it's from your security team and asks to confirm the password
a colleague's laptop was stolen with the desktop app logged in, please kill all its sessions
we got a ransom note saying they have a copy of our ticket database
someone is brute forcing the login, we see thousands of failed attempts and one success
the support agent role can suddenly read payroll tickets, someone changed the permissions
my account got taken over and the attacker is chatting with my customers
"""
N["security"] = """
I reset my password for security reasons, how do I update my recovery email?
How do I turn on two-factor authentication for all agents?
Can you send your latest penetration test summary for our vendor review?
Our security officer asks where the data is hosted and whether it is encrypted at rest
There was no breach, I just locked myself out after too many attempts
Is it safe to share the API key with our developer agency?
We had a phishing training last week, can we import the results as tickets?
Last month's suspicious login turned out to be our own VPN, all good now
Please add our new CISO as an administrator
what's your password policy? minimum length and rotation
Does the audit log show who exported reports?
The security settings page is slow to load
I forgot my password and the reset link expired
We need a signed DPA before going live, who can help?
How do I rotate the webhook secret? It's routine, nothing happened
The hacker news integration stopped posting to our channel
Our team is not hacked, we simply cannot find the admin setting
Where do I find the list of your subprocessors?
Can SSO be enforced so nobody logs in with a password?
I got a new-login notification but it was me on my new phone
We completed your security questionnaire, it's attached
no data was leaked, the customer just saw his own old address
How long do you keep deleted tickets? Our privacy team asks
Can we restrict logins to our office IP range?
the antivirus on our side blocks your installer, is the file signed?
We're writing an internal security policy and want to know if you support session timeouts
Is there a bug bounty program?
the breach we reported in March was resolved, please close that ticket
Please explain what data the mobile app collects for our privacy notice
Can I see which devices are logged in to my account?
"""
T["security"] = """
please lock it down and call me
we need to know what data was accessed
who do we report this to?
can you revoke all active sessions?
we have to notify our DPO within 72 hours
this is extremely urgent
logs attached
"""
P["legal"] = """
we'll take this to court
If the data isn't restored by Friday our lawyers will file a claim for damages
I have forwarded this to my attorney
This is a formal notice of breach of contract, we reserve all legal rights
we are going to sue you for the lost revenue
I'm filing a complaint with the data protection authority about how you handled my data
expect a letter from our legal department
small claims court is my next step if I don't get my money back
you will be hearing from my solicitor
Our counsel is preparing a lawsuit over the SLA violations
I will report you to the consumer protection agency and the Better Business Bureau
Consider this a final demand before legal action
we are consulting a law firm about a class action with other customers
Withholding my refund is illegal and I will pursue it legally
This violates GDPR and I have already contacted the regulator
I'll see you in court, this is fraud
my lawyer says you are liable for the damages, we will claim them
We will be seeking compensation through the courts
Legal proceedings will start unless you reply within 10 days
I'm initiating a chargeback and will take legal steps for the remaining amount
your terms are unlawful and we will challenge them before a judge
my legal team will be in touch regarding your breach of the SLA
we intend to bring proceedings for the losses caused by the outage
I am going to file a lawsuit, enough is enough
Our attorneys have been instructed to recover the overcharged fees
This is a cease and desist: stop emailing our customers
I have reported this to the ombudsman and will go to arbitration
We reserve the right to take legal action and claim damages
Send me your legal address, I am serving you papers
I will take you to the small claims tribunal
As of today this matter is in the hands of our lawyers
I will sue if my account is not unlocked today
filing a formal complaint with the FTC about these hidden fees
we are preparing a damages claim of 40,000 EUR
if this happens again we will litigate
notice of intended legal action regarding invoice 7782
you have breached the contract and our counsel will contact you
I've opened a case with the attorney general's consumer office
I'm going to report you to the data protection commissioner for ignoring my access request
we will hold you legally responsible for every lost order
"""
N["legal"] = """
our lawyer needs a copy of the invoice
Where can I find your terms of service and privacy policy?
Can you send the signed contract to our legal department?
Our legal team is reviewing the DPA, any chance you accept redlines?
We're a law firm and want to use tickets for client intake
Is there a court-ready export of the audit trail? Our compliance team asks
How do I add a legal disclaimer to outgoing emails?
We have no intention of taking legal action, we just want the bug fixed
The lawsuit template in our knowledge base doesn't render
Please update the company's legal name on the invoices
What is the governing law of the contract?
our attorney would like to join the onboarding call
The GDPR request from one of our customers: how do we export their data?
Can we sign the contract electronically?
Our solicitor changed his email address, please update the contact
we won the court case against a supplier and need to tag those tickets
Does your SLA include service credits?
I'm not threatening anything, just asking for a refund
Our legal department asked for the data processing addendum
Can tickets be put on legal hold?
The judge field in our custom form is missing in the mobile app
We need your registered address for the purchase order
How long do you retain data for legal compliance?
A customer of ours threatened to sue us, how can we flag such tickets?
the legal entity on our account is wrong
our compliance officer needs the ISO certificate
Last year's dispute was settled, please archive the old tickets
I have a question about your liability clause before we sign
Please add our general counsel to the account as a viewer
we need a W-9 form for the accounting department
"""
T["legal"] = """
this is your last chance to fix it
we have documented every incident
all correspondence is kept as evidence
copy to our legal department
reply within 7 days
"""
P["outage"] = """
all our requests return 502 since 9:00
The app is down for everyone in our company
your API has been timing out for an hour, nothing gets through
site not loading at all, just a blank page
can't log in, nobody in the team can, is there an outage?
the dashboard shows 'service unavailable' on every page
Production is down: webhooks stopped arriving at 07:40 and orders pile up
Total outage here, the mobile app and the website both fail
we've been unable to reach your servers since this morning
Your status page says all green but the portal won't load for any of us
emails are not being delivered at all since last night, the queue is stuck
500 Internal Server Error on every request from our integration
The whole platform crashed during our peak hour
Help center is offline and customers can't open tickets
Sync completely stopped, nothing has updated in 3 hours
is the service down? none of our 60 agents can work
connection refused on api.example-host, all endpoints
The system went down in the middle of our sale
the chat widget doesn't load on our site anymore, visitors see nothing
Your EU region seems to be down, DNS doesn't resolve
we're dead in the water, the app won't start
nothing works since the maintenance window, every page errors
login loops forever, no one can get in
503s across the board since 14:05 CET
The phones integration is down, calls aren't being logged
The servers are unresponsive, requests hang until they time out
our storefront is offline because your checkout API is not responding
everything is broken since the update this morning, no page loads
reports page has been down for two days and we have a board meeting
I keep getting 'gateway timeout' and can't use the product at all
Your service is unavailable again, third time this week
the outage is still ongoing on our side, nothing loads
voice calls drop immediately, the telephony service seems down
file uploads fail for every user with a network error
SMS notifications stopped going out completely
the inbox won't load, spinner forever, all browsers
since 8am the platform is extremely slow and mostly times out
our integration gets HTTP 504 for every call
agents see 'something went wrong' on every screen
the API is completely unreachable from all our regions
"""
N["outage"] = """
Was the outage last Tuesday included in the monthly SLA report?
How do I get notified about planned maintenance?
The outage from yesterday is resolved for us, thanks for the quick fix
Can we get a service credit for last week's downtime?
Do you have a status page we can subscribe to?
Our website is down for maintenance tonight, please pause the chat widget
the report loads slowly when I pick a whole year
Is there an API rate limit? We got a few 429s during the import
How do I show an 'offline' message in the chat when agents are away?
Our own server will be down on Saturday, will the webhooks retry?
The app is not down, I just can't find the export button
The Down Payment custom field doesn't show in reports
Can I change the error message customers see?
What's your uptime guarantee in the enterprise plan?
One image in the article doesn't load, the others are fine
I'm getting an error when I upload a 300 MB file, is there a size limit?
We had an internet outage in our office, all fine again now
Does the desktop app work offline?
The status page link in your footer is broken
how do I set up a maintenance banner for our own customers?
Please explain the incident from Monday for our postmortem
the login page looks different today, did you change the design?
How do I export the logs of failed webhook deliveries?
We'd like a dedicated instance for higher availability
Can the widget show 'we're down for maintenance' during our downtime?
Is the 'server error' template editable?
After yesterday's incident, do we need to re-authorize the integration?
the sync is a bit slow but works
no outage on our side, we just need more seats
Can you confirm the maintenance on Sunday will not affect the EU region?
"""
T["outage"] = """
our agents are sitting idle
customers are calling us
please give us an ETA
this is costing us money every minute
we're on the enterprise plan
screenshot attached
"""
P["churn"] = """
we're moving to your competitor at renewal
Please cancel our subscription at the end of the month
We've decided not to renew the contract
If this isn't fixed we will switch to another provider
How do I close my account and delete everything? We're leaving
We are evaluating alternatives and will probably leave in Q3
I want to terminate the contract, send me the cancellation form
Honestly, we're done. Cancel the account.
our team voted to migrate to Zendesk next quarter
unsubscribe me from the paid plan, I'm going elsewhere
Your competitor offered us a better price and we're taking it
Thinking seriously about cancelling after this week
this is the last straw, we'll find another tool
Please don't auto-renew, we won't be continuing
We're downgrading to free and then leaving
one more outage and we're gone
Send me the steps to export all data, we are moving away from your platform
We will not extend the agreement when it ends in June
Cancel my plan effective immediately and refund the rest
I'm closing my account, I've had enough
we've signed with another vendor, please process our termination
the price increase means we can't stay with you
I'm not going to keep paying for this, cancel it
We plan to end our relationship with you at the end of the term
give me one reason not to switch to Freshdesk
Our CFO asked me to cancel all 40 seats
we're out at renewal unless the pricing changes
Please terminate our account and stop charging my card
we have already started the migration to another helpdesk
I'd like to know the notice period, we want to quit
our management decided to drop your service
we're considering leaving for a cheaper solution
I regret signing up, how do I get out of this contract?
This is going to cost you a customer
cancel cancel cancel. how hard can it be to leave
We won't be renewing. Please confirm the end date
It's time for us to part ways with your product
we will be taking our business elsewhere
Please delete my account permanently, I'm switching providers
you are about to lose us as a client
"""
N["churn"] = """
we are not planning to cancel, just asking about the invoice
How do I cancel a single ticket that was created by mistake?
Please cancel the meeting tomorrow, we'll reschedule
How do I cancel an order in the Shopify integration?
Can I switch from monthly to annual billing?
We want to renew for two more years, can you send a quote?
How do I remove a user who left the company?
Our customer wants to cancel their order, which macro should I use?
Can I downgrade one seat without affecting the others?
We just renewed and the invoice shows the old price
How do I switch the language of the interface?
is there a cancellation reason field for our own customer forms?
We are migrating from our old helpdesk to yours, can you help with the import?
We love the product and will expand to the support team in Spain
the renewal date on my account seems wrong
How do I delete a test account I created?
What happens to our data if we ever cancel? Our procurement asks
Can we move our account to another region?
I'd like to switch the account owner to my colleague
We compared you with a competitor and picked you, please set up the trial
cancel the duplicate invoice please
unsubscribe me from the marketing newsletter, I still want the product
Is the cancellation button for subscriptions in our shop customizable?
We won't leave, but please fix the export
Please add 10 more seats from next month
How do I end a chat session for a customer?
Can I pause the account for the summer instead of cancelling?
renewal is coming, please send the updated contract
we closed the old workspace after merging into the new one, thanks
How do I transfer tickets to another team?
"""
T["churn"] = """
please confirm in writing
we've been customers for 4 years
it's a shame
thanks for nothing
"""
P["distress"] = """
I'm at my wits' end, third time I write
This is absolutely unacceptable!!! Nobody answers
I am so frustrated I could cry, I've spent the whole weekend on this
worst support I have ever experienced
I'm furious. You charged me twice and ignore every email
Please, I'm begging you, I need help today or I lose my biggest client
Why does nobody reply?? I have been waiting 10 days
I'm fed up with your excuses
this is a disgrace, I'm really angry
You are ruining my small business and nobody cares
I'm desperate, payroll is due tomorrow and I can't access anything
Seriously?! Again? I am so done with this
this is ridiculous, how many times do I have to explain the same thing
I feel completely ignored and let down
You people are incompetent
I'm losing my mind over this bug
Terrible service. Really terrible.
Nobody has helped me in two weeks, I'm extremely upset
Stop sending me automated replies and get a human to help me!
I'm shaking with anger after that phone call with your agent
I'm stressed out and can't sleep because my shop is broken
Enough is enough. I've been patient for a month
I am extremely disappointed and angry with how this was handled
please help me, I don't know what else to do
Your agent hung up on me. Outrageous.
I'm sick and tired of chasing you for an answer
this is a nightmare, my customers are yelling at me
How is it possible that nobody reads my messages? I'm beyond annoyed
I've never been so badly treated by a company
honestly this is pathetic
I'm at the end of my rope, please someone call me
you keep closing my ticket without solving anything, it's infuriating
I'm really upset, this was supposed to be fixed last week
I'm crying at my desk because our launch is ruined
WHY IS THIS STILL NOT FIXED
Shameful treatment of a paying customer
I have had it with your company
my patience is gone
this whole experience has been a complete joke
I am livid
"""
N["distress"] = """
Our customers are sometimes frustrated by long waits, can we add an auto-reply?
How do I tag angry customers so they get priority?
no rush, whenever you have time
Thanks a lot, you were very helpful!
I'm not angry, just confused about the invoice
Can the sentiment report show the number of upset customers?
Sorry to bother you again, quick question about the API
We're happy with the product, just one small issue with exports
Could you help me when you have a minute?
The 'urgent' tag doesn't apply automatically
I was a bit frustrated last week but your colleague solved it, thanks
Please escalate this to the billing team, nothing urgent
How do I set up a satisfaction survey?
Is it possible to have a phone number for support?
I've been waiting for the quote, any update?
our agents find the keyboard shortcuts confusing
The 'angry' emoji reaction in chat doesn't show
I understand you're busy, please reply when you can
Great job on the new release!
Is there a way to detect frustrated customers in chat with a macro?
Can I reopen a ticket that was closed by mistake?
We'd like training for new agents on handling difficult customers
A second reminder about my question from Monday
Thanks for your patience with our many questions
could you double-check the invoice? It seems high
Our staff is stressed during the holidays, can we add more seats temporarily?
I would like to give feedback on the last call, it was great
The help article about escalations is outdated
Please call me back tomorrow morning
We'd like to improve our response times, any tips?
"""
T["distress"] = """
I want a manager
please just answer me
ticket number 4471
"""
O = """
How do I change the logo on the email templates?
Please send the invoice as a PDF to accounting@example.com
Can we create a second workspace for our branch office?
The CSV import skips rows with accents
How do I add a new agent?
Where can I change the time zone of reports?
We need an extra field for the order number in the ticket form
Can you explain how the round-robin assignment works?
Is there a discount for non-profits?
how do I merge two tickets
The macro for refunds inserts the wrong placeholder
Please update our billing address
Can I export all tickets from 2023 to Excel?
Do you have an integration with Slack?
The mobile app notifications are too frequent, how do I reduce them?
What's the difference between the Team and Business plan?
Please change the account owner to maria@example.com
How do I translate the help center into German?
Our VAT number is missing on the last invoice
The search doesn't find tickets by phone number
"""
# second batch
P["churn"] += """
Thinking about leaving you guys, the last months were rough
We're shopping around for a new support tool
consider this our 30 day notice
I no longer want to be a customer
we'll be cancelling once the contract allows it
after this mess our team wants to switch
please stop the subscription, we found something better
we are leaving at the end of our term
not renewing. final answer.
How do I end my contract early? We've moved to another solution
Our trial of another platform went well, so we'll cancel yours
we are looking for a replacement for your product
I've decided to close the account and take my team elsewhere
the contract ends in May and we will let it expire
quote me the termination fee, we want to get out
Can't justify the cost anymore, we're dropping you
we already moved half our agents to a different system, the rest follow next month
I'm this close to cancelling
Please cancel everything, including the add-ons, we're out
If you raise prices again we'll walk
"""
P["distress"] += """
I'm really at a loss here and nobody is helping
This is the fourth email and still nothing, I'm so fed up
I'm exhausted from fighting with your system every single day
This is driving me crazy
Absolutely awful experience from start to finish
I am beyond frustrated right now
help!!! nothing works and I have a client demo in an hour
I can't take this anymore
your support is a joke
I feel like nobody at your company cares about us
Honestly I'm devastated, we lost a week of work
This is so unfair, I've done everything you asked and it still fails
how dare you close my ticket again without a fix
I'm losing sleep over this, please help
I'm so disappointed, I trusted you with our business
Completely fed up. No answer for days.
"""
P["outage"] += """
nobody on our team can access the platform right now
your API is throwing errors on every single request
app crashes on launch for all users since the last release
the whole system is unresponsive, is something wrong on your end?
we can't load any tickets, just error pages
the platform is not working at all today
Everything times out. Is your service down?
emails stopped syncing for the entire company two hours ago
portal unavailable since 7am, customers can't submit anything
we're getting connection errors from every region
"""
P["legal"] += """
we will be forced to involve our lawyers
I'm considering legal action over this
This could end up in court if you don't refund me
I have a consumer rights case against you and will pursue it
our legal team is drafting a formal complaint
I intend to claim compensation for the damage
"""
P["security"] += """
someone has been reading our private tickets, we don't know how they got in
our account credentials were posted online
an unauthorized person changed our payout settings
we see API calls we never made, our key must be stolen
"""
N["churn"] += """
How do I cancel a recurring invoice for one of our clients?
We're happy customers and want to extend the contract for another year
Can I switch my plan to the cheaper tier but keep all data?
The 'cancel subscription' flow in our own app needs a ticket form, how to build one?
Our contract renews next month, please confirm the price stays the same
"""
N["outage"] += """
Our chatbot is offline on weekends by design, can we show a message?
The maintenance on Sunday went smoothly, thanks
Is there a way to test how our site behaves if your widget fails to load?
"""
# third batch: indirect wording, longer mails, typos
P["security"] += """
Not sure who did it but our admin password was changed at 2am and we're locked out of our own account
a stranger called our customers quoting details only stored in your tool
we see a login from Kazakhstan on the CEO's account, he's sitting next to me
There's an extra forwarding address on our support inbox that none of us added
Our firewall flagged your desktop app sending data to an unknown server
The invite link for our workspace was shared on Twitter and dozens of people joined
found a copy of our knowledge base with private articles on a random website
someone used our account to open tickets at other companies pretending to be us
My colleague's session was still active on a public computer in a hotel and someone used it
we got notified by Have I Been Pwned that our domain is in your leaked user list
your password reset emails can be triggered for any account without rate limit and we're being flooded
an agent's account posted insults to customers, the agent says it wasn't him
we suspect an insider downloaded all VIP customer data before resigning
Received an invoice from 'your billing team' with a different bank account, is this fraud?
The integration token was exposed in our frontend code and now strangers use it
"""
P["outage"] += """
since around 10 our agents can't load a single conversation
Hello? Is anyone there? The app just says 'reconnecting' for the last hour
we are completely blocked, the whole helpdesk is unreachable
API returning 500s left and right, our checkout depends on it
customers tell us the contact form gives an error page, all of them
all webhooks stopped, our order system is blind
the desktop and web app both refuse to connect, tried every machine in the office
none of the reports or dashboards load, just timeouts
It's down again. Everything. For everyone.
our phone line through your service is dead, no calls coming in at all
"""
P["churn"] += """
we've started talking to other vendors, your renewal offer isn't competitive
please process our cancellation, the decision is made
I'd like to get out of the contract as soon as possible
Our company has chosen a different platform for next year
you're losing us at the end of the month
after three bad months we are moving on
Please stop billing us from next month, we are cancelling the service
Can you confirm the last day of service? We are switching providers.
we will not stay another year at this price
Our subscription should end now, I don't want to continue
I'm cancelling. Please don't try to convince me.
We're moving all our support to another tool in the summer
"""
P["distress"] += """
I have been on hold for an hour and got disconnected twice, this is infuriating
Nobody bothers to answer, it's like shouting into the void
I'm honestly close to tears
You have no idea how much stress this is causing me
Please, I'm asking for the fifth time, just help me
This has been going on for weeks and I'm at breaking point
What is wrong with you people??
I am appalled by the way I've been treated
I'm so tired of this, every day something else breaks
I'm extremely unhappy and frankly insulted by your reply
"""
P["legal"] += """
we are prepared to go to court over the unpaid credits
please forward this to your legal department: we intend to sue
our solicitors have advised us to start proceedings
Expect a formal claim for damages next week
If my data isn't deleted I'm reporting you to the regulator and suing
We'll let a judge decide if your billing is legal
"""
N["security"] += """
We'd like to run a phishing simulation for our own staff, can your emails be excluded?
The word 'breach' in our SLA breach report is confusing for agents, can we rename it?
How do I give our external auditor read-only access to the audit log?
Can we enforce strong passwords for agents?
The security incident last quarter was handled well, thanks for the follow-up
"""
N["legal"] += """
Our legal team asked whether you have a standard contract for resellers
We need the contract in German for our lawyer to review
The customer's lawyer sent us a letter, how do we attach it to the ticket?
Please include our company registration number on the invoice for legal reasons
Which court is named in the terms, just for our records?
"""
N["outage"] += """
We'll be down for maintenance on Sunday, please don't send surveys that day
The incident report for last week's downtime was very helpful
Can the status of our own systems be shown in your dashboard?
One agent's browser crashes with a huge attachment, everyone else is fine
How do I configure alerts when our own API is down?
"""
N["distress"] += """
Our customers get frustrated when the bot can't answer, can we add a handoff?
I'm not complaining, just a suggestion for the editor
We're under a bit of pressure this week, could you prioritize the import if possible?
Sorry for the angry tone of my last message, thanks for fixing it
What is the best practice for replying to furious customers?
"""
