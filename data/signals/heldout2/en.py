# Held-out English texts, written after and apart from the training phrasings (see ../README.md).
# Never train or tune on these. P: positives, N: benign / hard negatives of that signal, O: ordinary.
P, N = {}, {}
P["security"] = """
Hi, this morning I noticed 14 new users in our workspace that nobody here invited. They have admin rights.
Subject: compromised mailbox - our finance manager's inbox rules were changed to forward everything to a gmail address
A customer called us because he received his full order history from some random address. How did they get it??
we believe an intruder got hold of our root API token, there are calls deleting tickets we never made
Someone ordered 30 gift cards through our account using my saved card, I didn't do this
Heads up: there's a fake version of your login page at yourapp-secure-login.com and some of our agents used it
My password doesn't work anymore and the account email now points to a protonmail address I don't recognize
All our macros were replaced with links to a crypto scam overnight
the public knowledge base exposes internal notes with customer phone numbers, anyone can read them
Our IT found a token of your app in a pastebin dump together with our domain
Breach notification needed? Customer records from your CRM sync appeared in a leaked dataset
I clicked a link in an email that looked like your renewal notice and now my account sends messages I didn't write
An unknown person is logged in as me on 3 devices, I changed the password but they're still in
attachments uploaded by customers contain a trojan and your scanner let them through
We got an alert from our bank that our API credentials for your payment add-on are used from Ukraine
someone gained access to our helpdesk and replied to customers asking them to pay to a new IBAN
There is a directory listing on your CDN that shows files from many customers
intruder inside our account!! they're exporting our customer list right now
The audit log shows logins at 4am from an IP in Singapore and a full export, nobody works at that hour
After your update, users of the viewer role can download payment data they should never see
"""
N["security"] = """
Could you tell me which encryption algorithm you use for backups? Our auditor wants it in writing.
I changed the password of our shared account because an intern left, how do I log out his old sessions?
Can admins see the login history of each agent? We want it for our internal security review.
Quick question: does the API token expire, or do we have to rotate it ourselves?
We're not victims of any hack, relax, the weird emails were our marketing tool.
The suspicious login warning yesterday was my colleague travelling to Madrid, no action needed.
Please enable IP allowlisting on our plan, our policy requires it.
Is there a way to mask credit card numbers that customers paste into tickets?
Our penetration testers will scan our own help center next week, please don't block them.
How do I report a phishing email that our customers received from someone pretending to be us? We want to warn them through a help center article.
we need the security whitepaper and the ISO 27001 certificate for a tender
The compromised-account incident from last year is closed; we just need the report for our records.
Does the mobile app support biometric login?
Where do I change the session timeout? 8 hours is too long for our security policy.
Our security awareness training mentions your product as an example of good practice, nice!
Is data encrypted in transit between the widget and your servers?
Can I get notified when someone logs in from a new device?
I lost my 2FA phone, how can I recover access to my own account?
Is the hacker-style dark theme coming back? I liked it.
We have no reason to think anything leaked, but which IPs accessed the account last week? Just curious.
"""
P["legal"] = """
I have been patient but this is now a matter for my lawyer, expect to hear from her this week.
Subject: Notice before action - unpaid credit of 1,250 EUR. If not paid within 14 days we will issue a claim in court.
You've breached our SLA four times this quarter. Our general counsel is drafting a claim for damages.
Unless my personal data is deleted as requested, I will lodge a complaint with the ICO and seek compensation.
we will be pursuing this through the courts if you continue to bill us after cancellation
I'm taking you to small claims for the double charge, the forms are already filled in
Our attorneys will contact you regarding your unlawful retention of our data.
This is a formal legal notice: stop using our trademark in your marketing immediately.
Consider yourself served. We are suing for the losses from your outage.
If the money isn't back in my account by Monday I'm going to court, simple as that.
A class action is being organised by several of your customers and we are joining it.
I've contacted a solicitor about your refusal to refund. They will write to you.
We hold you liable for the lost data and are instructing lawyers to recover the costs.
My legal counsel advises me to file suit, and I intend to follow that advice.
I will file a complaint with the state attorney general and my lawyer will handle the rest.
Final warning: respond by Friday or we initiate legal proceedings for breach of contract.
This billing is fraudulent and I will sue you and report you to the consumer authority.
Our legal department has been instructed to take action against you.
we are seeking legal advice on suing for the damages your update caused
Pay the penalty stated in the contract or we will enforce it in court.
"""
N["legal"] = """
Our lawyer asked me for the contract start date, where can I see it in the account?
Could you sign our standard NDA before the demo next week?
Do you have a template for a GDPR data subject request response?
Our legal department wants to know which jurisdiction applies to the terms.
I'm a paralegal and use your app to track court deadlines, can I add a custom date field?
We are not going to sue anyone, we only want the double charge refunded.
The customer wrote that they'd contact a lawyer; how can I escalate such tickets internally?
Please send an invoice addressed to our law firm, Baker & Lee LLP.
Is it legal for us to record support calls with your telephony add-on in California?
our counsel reviewed the DPA and has two comments, attached
Can you share the legal entity name and registration number for our vendor file?
The court hearing reminder emails we send via your platform end up in spam.
Last year's claim about the invoice was settled amicably, the ticket can be archived.
My attorney is on holiday so I'll sign the order form myself, is that ok?
What are the terms for terminating the contract if we ever need to? Just for our legal review.
Does your platform help with legal holds for litigation at our clients?
I am not threatening legal action, I'm just asking why the price changed.
Our compliance team needs an updated subprocessor list.
the word 'lawsuit' in our auto-tag rules triggers on the wrong tickets, can you help?
We want our terms and conditions linked in the chat widget footer.
"""
P["outage"] = """
Is something going on? Our whole support floor has been staring at a loading screen for 20 minutes.
Subject: P1 - API down. Every call to /v2/tickets returns 503 since 06:12 UTC.
None of the emails our customers send are turning into tickets since last night, the inbox is frozen
We can't reach the app from any of our offices, DNS lookup fails for your domain
The widget disappeared from our website and customers can't contact us at all
your platform went down right in the middle of our Black Friday, we are losing orders
Agents keep getting kicked out, and now nobody can log back in at all
the whole thing is offline, app and API, since about 9:30 Berlin time
All of our webhooks are failing with connection timeouts. Nothing is reaching our server.
I get "bad gateway" on everything, tried three networks
Your service has been unavailable for two hours now. We have 200 customers waiting.
mobile app and web both show a server error, we cannot work
phone calls through your integration stopped connecting this morning, total silence
Our reports, inbox and search are all returning errors, seems like a full outage on your side
The site is just spinning and then times out. Everyone in the company has the same.
Since the deploy at noon no tickets can be created, every submit fails
We're completely down because your authentication service isn't responding
Outage? Our status checks against your API have failed for the last 45 minutes
It's been down since yesterday evening and there's nothing on your status page
Can't send a single reply, the send button errors for every agent
"""
N["outage"] = """
Can you send us the root cause analysis of last month's outage for our quarterly review?
How do I schedule a maintenance notice banner for my own customers?
The page that lists 'downtime' in our custom report is empty, is that a bug in the filter?
We'll be offline next Saturday for a server move, will emails queue up on your side?
Do you offer a 99.99% uptime SLA on the enterprise plan?
The search is slightly slow with large attachments, not urgent.
Yesterday's disruption was resolved within the hour, thanks for the updates.
Does the app keep working if our internet goes down for a minute?
How can I see the history of incidents on your status page?
We had a power cut in the office, everything is back to normal, just letting you know why tickets were late.
The down arrow icon in the ticket list is misaligned.
Is there an API endpoint to check the service status?
I keep getting a 404 for one old help article, the rest is fine.
Can we get an SMS alert if your service ever goes down?
No outage here, we just want to add two agents.
Our own website crashed yesterday, unrelated to you, but can we resend the lost chats?
How do we configure a fallback email if the chat is offline?
One user can't log in because she forgot her password.
Where do I see the webhook retry policy?
We plan our migration for the weekend to avoid downtime, any advice?
"""
P["churn"] = """
We'll be evaluating other vendors before our contract ends in April, and frankly you're not the favourite.
Subject: termination notice - please treat this email as our notice to end the agreement at the end of the term.
I want out. Close the account and stop the direct debit.
the board approved moving our support team to HubSpot, please tell us how to export everything
We've had it with the constant price changes and will not be renewing.
If the Salesforce sync isn't fixed this month, we'll have no choice but to switch tools.
Please downgrade us to zero seats and then close the account, we're done here.
We found a provider that does the same for half the price, consider this our notice.
I'm going to cancel as soon as my trial converts, this is not what we were promised.
Your competitor already set up a sandbox for us. Convince me why we should stay.
How much notice do I need to give to leave? We want to be out by June.
we won't be continuing with your service after the current billing period
Terminate my subscription and delete my card details, thanks.
Management wants to drop the platform at renewal unless the reporting improves.
I'm closing our account. Please confirm the final invoice.
We are switching to a different helpdesk next month.
Honestly considering leaving after five years with you.
Don't charge us again, we're cancelling.
We're migrating away; we need all attachments exported by the 30th.
Our renewal is not going to happen at this price.
"""
N["churn"] = """
We don't plan to leave, but could you explain the new pricing tiers?
How do I cancel a scheduled report?
Our client cancelled their appointment, how do I update the ticket?
We just switched our payment method to SEPA, please confirm it worked.
How do I leave a team I was added to by mistake?
Can we upgrade to the Business plan mid-cycle?
Please terminate the API key of our old integration, it's no longer used.
What is your cancellation policy for the add-on? Asking before we buy it.
We compared three vendors last year and chose you, still happy.
A customer of ours wants to close their account on our website, which template should we use?
I'd like to renew early to lock in the current price.
Please cancel my registration for the webinar, I can't make it.
We're moving offices next week, please update our address.
Can I switch the default language of the help center to Spanish?
How do I delete old tickets older than three years?
We aren't cancelling, we just want to reduce seats from 12 to 10.
Unsubscribe my colleague from the product update emails please.
The cancel button in the ticket editor doesn't close the dialog.
Is there a loyalty discount when renewing for three years?
We left our previous helpdesk for you last year, can you help migrate the old archive too?
"""
P["distress"] = """
I have written five times now and every answer is a copy-paste. I am completely exhausted by this.
Subject: STILL NOT RESOLVED!!!! This is insane, three weeks of waiting
I honestly don't know how much more of this I can take. My business depends on it.
What kind of company treats customers like this? I'm disgusted.
I'm so angry I can barely type. You deleted our data and nobody even apologised.
please please someone help, I've been stuck all day and my boss is furious with me
Unbelievable. I pay you every month and get zero help.
This is the most frustrating experience I've had with any software.
I'm done being polite. Fix it.
Every day I lose customers because of this and you don't care at all, it's heartbreaking
Nobody returns my calls. I feel like I'm talking to a wall.
This is beyond a joke now.
I'm in tears, all the invoices I sent today were wrong and clients are calling me
Why is it so hard to get a straight answer from you people?!
You have wasted hours of my time and I'm absolutely fuming.
I cannot believe how badly this has been handled. Shocking.
At this point I'm desperate, anyone, please reply.
Completely unacceptable service, I'm very upset.
It's been a horrible week thanks to your bug and your silence.
Are you even reading these?? Hello???
"""
N["distress"] = """
Thanks for the quick fix yesterday, we really appreciate it.
How can we measure customer frustration in our own chat transcripts?
No worries if it takes a few days, the report isn't due until next month.
I'm not upset at all, I just want to understand the invoice.
Could you add an 'angry customer' tag to our default set?
We'd like to route upset customers to senior agents, how do I build that rule?
Sorry for the many emails today, we're onboarding.
The help article about sentiment analysis has a broken link.
Please reply when convenient, it's a minor question.
Our agents are stressed during peak season, do you offer temporary seats?
I was annoyed at first, but the new editor is actually great.
Can the survey ask customers how disappointed they are on a scale?
It's fine, we found the setting ourselves.
Friendly reminder about my question from last week.
Our customers sometimes write in capitals, can the spam filter ignore that?
Kudos to Maria from your team for her patience.
we want a training session on de-escalation for our new hires
What does the 'frustrated' sentiment score mean in reports?
Could you call me at 3pm to go through the setup?
Great job, the outage page was very clear.
"""
O = """
Can I change the sender name for outgoing replies?
Please resend the invoice for October, I can't find it.
How do I bulk-close tickets older than 30 days?
We'd like to add our new colleague Jonas as an agent.
Is there a dark mode in the desktop app?
The CSV export doesn't include custom fields, is that expected?
Where do I set business hours for the SLA timers?
Can the help center be password protected for partners?
How do I create a view for unassigned tickets?
Do you support Arabic in the help center?
I need to change our billing email to finance@company.io
Can we get a quote for 25 seats on the annual plan?
How do I connect our Instagram account?
The date format in reports should be DD/MM/YYYY.
Can a ticket have two assignees?
Is there an Android app for agents?
How do I restore a deleted macro?
We want tickets from VIP customers to get a tag automatically.
Does the chat widget work on Shopify?
Please add a second admin to our account.
"""
