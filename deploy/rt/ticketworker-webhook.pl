#!/usr/bin/perl
# Installs (or removes) the scrip that tells ticketworker at once when a ticket is created or
# the requester writes in one queue: a POST to ticketworker's /hooks/rt with a shared token.
# Polling stays on as the safety net, so a lost POST only means the next poll finds it.
#
# Run on the RT server as the user RT runs as (it reads RT's configuration):
#   perl ticketworker-webhook.pl --queue 'Instructional Technology' \
#       --url https://ticketworker.district.example/hooks/rt --token-file /etc/ticketworker/hook-token \
#       [--skip-user ticketworker-api] [--remove]
# The token is the value of TICKETWORKER_WEBHOOK_SECRET.  --skip-user names ticketworker's own
# RT user: its replies and notes need no webhook.  Re-running replaces the scrip (idempotent).
use strict;
use warnings;
use Getopt::Long;
use lib '/usr/local/share/request-tracker5/lib', '/usr/share/request-tracker5/lib',
    '/opt/rt5/lib';

my ($queue_name, $url, $token_file, $skip_user, $remove) = ('', '', '', '', 0);
GetOptions(
    'queue=s'      => \$queue_name,
    'url=s'        => \$url,
    'token-file=s' => \$token_file,
    'skip-user=s'  => \$skip_user,
    'remove'       => \$remove,
) or die "usage: $0 --queue NAME --url URL --token-file FILE [--skip-user NAME] [--remove]\n";
die "--queue is required\n" unless $queue_name;

require RT;
RT::LoadConfig();
RT::Init();

my $system = RT->SystemUser;
my $queue  = RT::Queue->new($system);
$queue->Load($queue_name);
die "no RT queue named '$queue_name'\n" unless $queue->id;
my $description = "ticketworker webhook (" . $queue->Name . ")";

# Remove the scrip this script installed before (by its description), so a re-run replaces it.
my $scrips = RT::Scrips->new($system);
$scrips->Limit(FIELD => 'Description', VALUE => $description);
while (my $old = $scrips->Next) {
    my ($ok, $msg) = $old->Delete;
    die "could not remove the old scrip: $msg\n" unless $ok;
}
if ($remove) {
    print "removed: $description\n";
    exit 0;
}
die "--url and --token-file are required\n" unless $url && $token_file;
die "--url must be http(s)\n" unless $url =~ m{^https?://[^\s'\\]+$};
open(my $fh, '<', $token_file) or die "cannot read $token_file: $!\n";
my $token = do { local $/; <$fh> };
close $fh;
$token =~ s/\s+\z//;
die "the token file is empty\n" unless length $token;
die "the token may hold only printable characters without quotes\n"
    unless $token =~ m{^[\x21-\x7e]+$} && $token !~ m{['\\]};
die "--skip-user may hold only letters, digits and .\@_-\n" if $skip_user =~ m{[^\w.\@-]};

# Create and requester replies wake ticketworker; comments (internal notes) and the worker's
# own user do not.
my $applicable = <<"CODE";
my \$txn = \$self->TransactionObj;
return 0 unless \$txn->Type eq 'Create' || \$txn->Type eq 'Correspond';
return 0 if '$skip_user' ne '' && (\$txn->CreatorObj->Name // '') eq '$skip_user';
return 1;
CODE

# HTTP::Tiny is in Perl's core.  A short timeout: the POST runs inside the request that made
# the change, and ticketworker answers at once.  Failures are only logged: the poll catches up.
my $commit = <<"CODE";
require HTTP::Tiny;
require JSON::PP;
my \$txn = \$self->TransactionObj;
my \$body = JSON::PP->new->canonical->encode({
    ticket => \$self->TicketObj->id, transaction => \$txn->id, type => \$txn->Type,
});
my \$answer = HTTP::Tiny->new(timeout => 3)->post('$url', {
    headers => {
        'Content-Type' => 'application/json',
        'X-Ticketworker-Token' => '$token',
        'X-Ticketworker-Delivery' => 'rt-' . \$txn->id,
    },
    content => \$body,
});
RT->Logger->warning('ticketworker webhook: HTTP ' . \$answer->{status} . ' for transaction ' . \$txn->id)
    unless \$answer->{success};
return 1;
CODE

my $scrip = RT::Scrip->new($system);
my ($id, $msg) = $scrip->Create(
    Description            => $description,
    Queue                  => $queue->id,
    ScripCondition         => 'User Defined',
    ScripAction            => 'User Defined',
    Template               => 'Blank',
    Stage                  => 'TransactionCreate',
    CustomIsApplicableCode => $applicable,
    CustomPrepareCode      => 'return 1;',
    CustomCommitCode       => $commit,
);
die "could not create the scrip: $msg\n" unless $id;
print "installed: $description (scrip $id) -> $url\n";
